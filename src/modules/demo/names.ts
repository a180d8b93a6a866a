/**
 * Name lists for the synthetic demo region. A mix as in a real Dutch classroom: mostly Dutch
 * names, and Turkish-, Moroccan-, Surinamese/Antillean-, Polish- and other Dutch families.
 * Family names keep their tussenvoegsel in front ("van den Berg", "de Vries"), as stored.
 * All people made from these lists are invented; any likeness to a real person is chance.
 */

export type Background = 'dutch' | 'turkish' | 'moroccan' | 'surinamese' | 'polish' | 'other';

export interface NamePool {
  /** Given names of children born roughly 2008–2022. */
  girls: readonly string[];
  boys: readonly string[];
  /** Given names of adults (parents, staff) born roughly 1965–1995. */
  women: readonly string[];
  men: readonly string[];
  surnames: readonly string[];
}

/** Share of families per background (children's classrooms). */
export const FAMILY_BACKGROUNDS: readonly (readonly [Background, number])[] = [
  ['dutch', 0.68],
  ['moroccan', 0.09],
  ['turkish', 0.08],
  ['surinamese', 0.05],
  ['polish', 0.04],
  ['other', 0.06],
];

/** Share of staff per background (teachers, care workers, officials). */
export const STAFF_BACKGROUNDS: readonly (readonly [Background, number])[] = [
  ['dutch', 0.82],
  ['moroccan', 0.05],
  ['turkish', 0.04],
  ['surinamese', 0.04],
  ['polish', 0.02],
  ['other', 0.03],
];

export const NAME_POOLS: Record<Background, NamePool> = {
  dutch: {
    girls: [
      'Emma', 'Julia', 'Mila', 'Tess', 'Sophie', 'Zoë', 'Sara', 'Nora', 'Yara', 'Eva', 'Liv', 'Lotte', 'Evi', 'Saar',
      'Noor', 'Anna', 'Fleur', 'Lieke', 'Roos', 'Isa', 'Fenna', 'Maud', 'Jasmijn', 'Femke', 'Lisa', 'Nina', 'Sofie',
      'Luna', 'Olivia', 'Lynn', 'Elin', 'Fien', 'Floor', 'Jill', 'Romy', 'Vera', 'Nova', 'Ivy', 'Lina', 'Mia', 'Esmee',
      'Iris', 'Charlotte', 'Hanna', 'Puck', 'Merel', 'Sanne', 'Linde', 'Hailey', 'Amber', 'Britt', 'Demi', 'Isabel',
      'Jente', 'Kiki', 'Lara', 'Madelief', 'Nienke', 'Rosalie', 'Suze', 'Veerle', 'Wende',
    ],
    boys: [
      'Noah', 'Sem', 'Liam', 'Lucas', 'Daan', 'Finn', 'Levi', 'Luuk', 'Mees', 'James', 'Milan', 'Sam', 'Noud', 'Bram',
      'Jesse', 'Thijs', 'Adam', 'Siem', 'Boaz', 'Lars', 'Ruben', 'Jens', 'Thomas', 'Max', 'Tijn', 'Julian', 'Hugo',
      'Gijs', 'Stijn', 'Teun', 'Jayden', 'Dex', 'Mats', 'Olivier', 'Floris', 'Ties', 'Jurre', 'Sven', 'Koen', 'Tim',
      'Niels', 'Tygo', 'Morris', 'Ryan', 'Casper', 'Pepijn', 'Joep', 'Guus', 'Hidde', 'Jelle', 'Kai', 'Lev', 'Melle',
      'Otis', 'Pim', 'Quinn', 'Rens', 'Stan', 'Wessel', 'Xavi', 'Yannick',
    ],
    women: [
      'Marieke', 'Sanne', 'Linda', 'Esther', 'Karin', 'Anouk', 'Ilse', 'Femke', 'Marloes', 'Judith', 'Saskia', 'Inge',
      'Mirjam', 'Nicole', 'Kim', 'Manon', 'Eline', 'Laura', 'Annemieke', 'Petra', 'Wendy', 'Jolanda', 'Sandra',
      'Marjolein', 'Renske', 'Nathalie', 'Charlotte', 'Eva', 'Lotte', 'Iris', 'Maaike', 'Anne', 'Suzanne', 'Daphne',
      'Janneke', 'Moniek', 'Roos', 'Lisanne', 'Bianca', 'Chantal', 'Mariska', 'Evelien', 'Hester', 'Joyce', 'Kirsten',
    ],
    men: [
      'Jeroen', 'Mark', 'Bas', 'Tim', 'Peter', 'Ronald', 'Martijn', 'Thomas', 'Joost', 'Rutger', 'Sander', 'Dennis',
      'Erik', 'Jasper', 'Niels', 'Wouter', 'Maarten', 'Rob', 'Frank', 'Michiel', 'Bart', 'Stefan', 'Arjen', 'Ruud',
      'Pieter', 'Vincent', 'Remco', 'Roel', 'Jorrit', 'Bram', 'Gert-Jan', 'Hans', 'Jan-Willem', 'Koen', 'Laurens',
      'Marco', 'Menno', 'Paul', 'Richard', 'Sjoerd', 'Tom', 'Edwin', 'Henk', 'Jeffrey', 'Kevin',
    ],
    surnames: [
      'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer',
      'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit',
      'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen',
      'van den Heuvel', 'van der Veen', 'van den Broek', 'de Bruijn', 'de Bruin', 'van der Heijden', 'Schouten',
      'van Beek', 'Willems', 'van Vliet', 'van de Ven', 'Hoekstra', 'Maas', 'Verhoeven', 'Koster', 'van Dam',
      'van der Wal', 'Prins', 'Blom', 'Huisman', 'Peeters', 'de Ridder', 'Kuipers', 'van Wijk', 'Post', 'Kuiper',
      'Veenstra', 'Kramer', 'van den Bosch', 'Vink', "van 't Hof", 'Timmermans', 'Groen', 'Gerritsen', 'Boersma',
      'Wolters', 'van Rijn', 'Doornbos', 'Hofman', 'Bosman', 'Evers', 'Verbeek', 'Scholten', 'Postma', 'Driessen',
      'van Veen', 'Lammers', 'Hermans', 'Molenaar', 'van Zanten', 'ter Horst', 'Schipper', 'Bouwman', 'Zwart',
      'van Amerongen', 'Rijnders', 'Hoogendoorn', 'van Soest', 'Verkerk', 'de Lange', 'van Es', 'Slootweg',
      'van Doorn', 'Brink', 'Kersten', 'van Ommen', 'de Kruijf', 'Overeem', 'Boeve', 'van Schaik', 'Westerveld',
    ],
  },
  turkish: {
    girls: ['Elif', 'Zeynep', 'Ecrin', 'Azra', 'Defne', 'Eylül', 'Ela', 'Nehir', 'Asya', 'Hira', 'Melike', 'Büşra', 'Esra', 'Yağmur', 'Irmak', 'Ceren'],
    boys: ['Yusuf', 'Emir', 'Mert', 'Kerem', 'Eymen', 'Ömer', 'Ali', 'Burak', 'Emre', 'Selim', 'Mustafa', 'Berat', 'Hamza', 'Arda', 'Efe', 'Kaan'],
    women: ['Ayşe', 'Fatma', 'Emine', 'Hatice', 'Özlem', 'Derya', 'Sevgi', 'Gül', 'Nurcan', 'Serpil', 'Songül', 'Tuba'],
    men: ['Mehmet', 'Ahmet', 'Hasan', 'Hüseyin', 'İbrahim', 'Murat', 'Osman', 'Kemal', 'Erkan', 'Serkan', 'Volkan', 'Yasin'],
    surnames: [
      'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Koç', 'Kurt',
      'Özdemir', 'Aksoy', 'Polat', 'Erdoğan', 'Korkmaz', 'Güneş', 'Tekin', 'Karaca',
    ],
  },
  moroccan: {
    girls: ['Fatima', 'Aya', 'Nour', 'Salma', 'Malak', 'Yasmina', 'Ilham', 'Sara', 'Amira', 'Hiba', 'Imane', 'Soumaya', 'Dounia', 'Rania', 'Lina', 'Jinane'],
    boys: ['Mohammed', 'Adam', 'Ayoub', 'Bilal', 'Amin', 'Zakaria', 'Ilias', 'Rayan', 'Anas', 'Yassin', 'Soufiane', 'Hamza', 'Mehdi', 'Othman', 'Younes', 'Nassim'],
    women: ['Fatima', 'Khadija', 'Naima', 'Samira', 'Latifa', 'Hanane', 'Nadia', 'Malika', 'Loubna', 'Siham', 'Hafsa', 'Karima'],
    men: ['Mohamed', 'Abdelkader', 'Rachid', 'Hassan', 'Mustapha', 'Khalid', 'Said', 'Youssef', 'Driss', 'Abdel', 'Karim', 'Nordin'],
    surnames: [
      'El Amrani', 'Bouzid', 'El Idrissi', 'Benali', 'Ouali', 'Azzouzi', 'El Khatib', 'Boukhari', 'Amrani', 'Haddou',
      'Tahiri', 'Bakkali', 'Aarab', 'El Moussaoui', 'Chaouch', 'Ait Taleb', 'Ziani', 'El Hamdaoui', 'Boutaher', 'Mourabit',
    ],
  },
  surinamese: {
    girls: ['Naomi', 'Shanice', 'Chelsea', 'Jaylin', 'Kimberley', 'Priya', 'Anjali', 'Shania', 'Dewi', 'Aaliyah', 'Jamila', 'Kayleigh', 'Reshmi', 'Zuleika'],
    boys: ['Jayden', 'Kenji', 'Dylan', 'Rohan', 'Shane', 'Damian', 'Quinten', 'Ravi', 'Jaïr', 'Kevin', 'Jurensly', 'Sunny', 'Giovanni', 'Dimitri'],
    women: ['Sharmila', 'Reshma', 'Sandra', 'Jacqueline', 'Melissa', 'Shirley', 'Natasja', 'Rachel', 'Sunita', 'Giselle', 'Marisca', 'Ingrid'],
    men: ['Ricardo', 'Ramon', 'Sunil', 'Rakesh', 'Marlon', 'Gerold', 'Clyde', 'Edwin', 'Anand', 'Romano', 'Glenn', 'Hensley'],
    surnames: [
      'Ramdin', 'Sewnath', 'Mahabier', 'Kartodikromo', 'Pinas', 'Linger', 'Wijngaarde', 'Tjin-A-Djie', 'Biharie',
      'Jagroep', 'Martina', 'Cijntje', 'Rosario', 'Koeiman', 'Soekhoe', 'Doelwijt', 'Karsodikromo', 'Baldew',
    ],
  },
  polish: {
    girls: ['Zuzanna', 'Julia', 'Zofia', 'Maja', 'Lena', 'Hanna', 'Amelia', 'Oliwia', 'Natalia', 'Wiktoria', 'Alicja', 'Emilia'],
    boys: ['Jakub', 'Antoni', 'Szymon', 'Filip', 'Kacper', 'Mikołaj', 'Wojciech', 'Bartosz', 'Oskar', 'Igor', 'Aleksander', 'Jan'],
    women: ['Agnieszka', 'Katarzyna', 'Magdalena', 'Anna', 'Joanna', 'Monika', 'Ewa', 'Karolina', 'Justyna', 'Marta'],
    men: ['Tomasz', 'Piotr', 'Marcin', 'Paweł', 'Krzysztof', 'Łukasz', 'Michał', 'Grzegorz', 'Adam', 'Dariusz'],
    surnames: [
      'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański',
      'Woźniak', 'Dąbrowski', 'Kozłowski', 'Mazur', 'Krawczyk', 'Jankowski', 'Pawlak',
    ],
  },
  other: {
    girls: ['Rama', 'Lana', 'Sidra', 'Heven', 'Selam', 'Ayaan', 'Maryam', 'Roya', 'Hevin', 'Luwam', 'Delal', 'Tala'],
    boys: ['Omar', 'Ahmad', 'Yonas', 'Abdi', 'Hassan', 'Karim', 'Samir', 'Ali', 'Mustafa', 'Rami', 'Daniel', 'Eyob'],
    women: ['Amal', 'Fatuma', 'Hiwet', 'Zahra', 'Lina', 'Rania', 'Hodan', 'Nasrin', 'Semhar', 'Ghada'],
    men: ['Mahmoud', 'Tesfaye', 'Abdirahman', 'Khaled', 'Faisal', 'Samir', 'Yohannes', 'Ahmad', 'Reza', 'Bashar'],
    surnames: [
      'Al-Hassan', 'Haddad', 'Tesfay', 'Ghebremedhin', 'Mohamed Ali', 'Hussaini', 'Ahmadi', 'Khalil', 'Abdullahi',
      'Osman', 'Al-Khatib', 'Berhane', 'Sharifi', 'Nasser', 'Habte', 'Rahimi',
    ],
  },
};

/** Polish family names are gendered: Kowalski (m), Kowalska (f). */
export function surnameFor(surname: string, female: boolean, background: Background): string {
  if (background !== 'polish' || !female) return surname;
  return surname.replace(/([sc]|dz)ki$/, '$1ka');
}

const TRANSLITERATE: Record<string, string> = { ı: 'i', ł: 'l', Ł: 'l', ø: 'o', ß: 'ss', İ: 'i' };

/** A name as it would appear in an e-mail address: "van 't Hof" → "vanthof", "Yıldız" → "yildiz". */
export function emailSlug(name: string): string {
  return name
    .replace(/[ıłŁøßİ]/g, (c) => TRANSLITERATE[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
