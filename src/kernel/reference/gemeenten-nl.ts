/**
 * Reference data: the gemeenten of the Netherlands, for the region set-up wizard.
 *
 * What it holds
 * - All 342 gemeenten as of 1 January 2025, with the CBS gemeentecode (GMxxxx), the province and
 *   the school holiday region (Rijksoverheid "regio's schoolvakantie": noord, midden, zuid).
 * - Names are spelled as CBS writes them in its gemeentelijke indeling, so the homonyms carry a
 *   province suffix (Bergen (NH.) / Bergen (L.), Hengelo (O.), Laren (NH.), Beek (L.), Stein (L.),
 *   Middelburg (Z.), Rijswijk (ZH.)) and The Hague is 's-Gravenhage. Everyday names (Den Haag,
 *   Den Bosch, Hengelo, ...) and the gemeenten merged away since 2022 are search aliases
 *   (GEMEENTE_ALIASES), so searchGemeenten finds them.
 *
 * Validity date: GEMEENTEN_LIST_DATE = 2025-01-01.
 * - 2024-01-01 and 2025-01-01 brought no herindelingen: the count stayed 342 (domain.md §1 also
 *   gives 342).
 * - 1 January 2026: no source available here establishes a gemeentelijke herindeling on that date
 *   (the stored CBS/press material stops at the 2023 changes), so the list is NOT moved to 2026.
 *   When CBS publishes "Gemeentelijke indeling op 1 januari 2026", check it and update this file
 *   and GEMEENTEN_LIST_DATE together.
 *
 * Sources (facts, not code, are taken; CBS classification data is open data, CC BY 4.0)
 * - CBS gemeentecodes and names: CBS "Gemeentelijke indeling op 1 januari 2022", as transcribed
 *   in minvws/nl-covid19-data-dashboard packages/common/src/data/gm.ts (345 gemeenten with
 *   GM code and veiligheidsregio). Updated to 2025 with the CBS-announced changes since then:
 *     - 24 March 2022: Weesp (GM0457) joined Amsterdam (GM0363) (CBS, via nd.nl 2021-12 and
 *       blikopnieuws.nl 2021-12: "per 24 maart zijn het er 344").
 *     - 1 January 2023: Brielle (GM0501), Hellevoetsluis (GM0530) and Westvoorne (GM0614)
 *       formed Voorne aan Zee (GM1992).
 * - Provinces: derived from the veiligheidsregio in that list (every veiligheidsregio lies in one
 *   province; VR09 Utrecht includes Vijfheerenlanden, in the province of Utrecht since 2019) and
 *   cross-checked name by name against a CBS/PDOK Gebiedsindelingen 2023 province mapping
 *   (PROVINCIE_GEMEENTE_MAPPING, a public Python module): all 342 agree.
 * - Holiday regions: rijksoverheid.nl/onderwerpen/schoolvakanties/regios-schoolvakantie, as
 *   transcribed in two public sources:
 *     - hk_nien's "holiday_regions" module (2020, covid19 analysis): province rules plus the
 *       Gelderland list "midden: Aalten, Apeldoorn, Barneveld, Berkelland, Bronckhorst, Brummen,
 *       Buren, Culemborg, Doetinchem, Ede, Elburg, Epe, Ermelo, Harderwijk, Heerde, Lochem,
 *       Montferland, Neder-Betuwe, Nijkerk, Nunspeet, Oldebroek, Oost Gelre, Oude IJsselstreek,
 *       Putten, Scherpenzeel, Tiel, Voorst, Wageningen, West Betuwe, Winterswijk en Zutphen";
 *       the rest of Gelderland zuid except Hattem (noord).
 *     - A 2024 summary of the same page (Liander benchmark region mapping): noord = Drenthe,
 *       Flevoland except Zeewolde, Friesland, Gelderland only Hattem, Groningen, Noord-Holland,
 *       Overijssel, Utrecht only Eemnes and the former gemeente Abcoude; midden = Zeewolde, part
 *       of Gelderland, Noord-Brabant only Altena (except Hank and Dussen), Utrecht except
 *       Eemnes/Abcoude, all of Zuid-Holland; zuid = the rest of Gelderland, Limburg, the rest of
 *       Noord-Brabant, all of Zeeland.
 *   Both agree; the per-gemeente Gelderland list is from the 2020 transcription. Gemeenten split
 *   between two regions get the region of their larger part here; the exceptions are listed in
 *   HOLIDAY_REGION_SPLITS so a school in such a part can be corrected by hand.
 */

export type Province =
  | 'Groningen'
  | 'Fryslân'
  | 'Drenthe'
  | 'Overijssel'
  | 'Flevoland'
  | 'Gelderland'
  | 'Utrecht'
  | 'Noord-Holland'
  | 'Zuid-Holland'
  | 'Zeeland'
  | 'Noord-Brabant'
  | 'Limburg';

export type HolidayRegion = 'noord' | 'midden' | 'zuid';

export interface DutchGemeente {
  /** CBS gemeentecode, e.g. 'GM0355'. */
  cbsCode: string;
  name: string;
  province: Province;
  holidayRegion: HolidayRegion;
}

export const PROVINCES: readonly Province[] = [
  'Groningen',
  'Fryslân',
  'Drenthe',
  'Overijssel',
  'Flevoland',
  'Gelderland',
  'Utrecht',
  'Noord-Holland',
  'Zuid-Holland',
  'Zeeland',
  'Noord-Brabant',
  'Limburg',
];

/** The date the list is valid for (see the header on why it is not 2026). */
export const GEMEENTEN_LIST_DATE = '2025-01-01';

type Row = readonly [cbsCode: string, name: string, province: Province, holidayRegion: HolidayRegion];

// Sorted by name, ignoring accents and apostrophes.
const ROWS: readonly Row[] = [
  ['GM1680', 'Aa en Hunze', 'Drenthe', 'noord'],
  ['GM0358', 'Aalsmeer', 'Noord-Holland', 'noord'],
  ['GM0197', 'Aalten', 'Gelderland', 'midden'],
  ['GM0059', 'Achtkarspelen', 'Fryslân', 'noord'],
  ['GM0482', 'Alblasserdam', 'Zuid-Holland', 'midden'],
  ['GM0613', 'Albrandswaard', 'Zuid-Holland', 'midden'],
  ['GM0361', 'Alkmaar', 'Noord-Holland', 'noord'],
  ['GM0141', 'Almelo', 'Overijssel', 'noord'],
  ['GM0034', 'Almere', 'Flevoland', 'noord'],
  ['GM0484', 'Alphen aan den Rijn', 'Zuid-Holland', 'midden'],
  ['GM1723', 'Alphen-Chaam', 'Noord-Brabant', 'zuid'],
  ['GM1959', 'Altena', 'Noord-Brabant', 'midden'],
  ['GM0060', 'Ameland', 'Fryslân', 'noord'],
  ['GM0307', 'Amersfoort', 'Utrecht', 'midden'],
  ['GM0362', 'Amstelveen', 'Noord-Holland', 'noord'],
  ['GM0363', 'Amsterdam', 'Noord-Holland', 'noord'],
  ['GM0200', 'Apeldoorn', 'Gelderland', 'midden'],
  ['GM0202', 'Arnhem', 'Gelderland', 'zuid'],
  ['GM0106', 'Assen', 'Drenthe', 'noord'],
  ['GM0743', 'Asten', 'Noord-Brabant', 'zuid'],
  ['GM0744', 'Baarle-Nassau', 'Noord-Brabant', 'zuid'],
  ['GM0308', 'Baarn', 'Utrecht', 'midden'],
  ['GM0489', 'Barendrecht', 'Zuid-Holland', 'midden'],
  ['GM0203', 'Barneveld', 'Gelderland', 'midden'],
  ['GM0888', 'Beek (L.)', 'Limburg', 'zuid'],
  ['GM1954', 'Beekdaelen', 'Limburg', 'zuid'],
  ['GM0889', 'Beesel', 'Limburg', 'zuid'],
  ['GM1945', 'Berg en Dal', 'Gelderland', 'zuid'],
  ['GM1724', 'Bergeijk', 'Noord-Brabant', 'zuid'],
  ['GM0893', 'Bergen (L.)', 'Limburg', 'zuid'],
  ['GM0373', 'Bergen (NH.)', 'Noord-Holland', 'noord'],
  ['GM0748', 'Bergen op Zoom', 'Noord-Brabant', 'zuid'],
  ['GM1859', 'Berkelland', 'Gelderland', 'midden'],
  ['GM1721', 'Bernheze', 'Noord-Brabant', 'zuid'],
  ['GM0753', 'Best', 'Noord-Brabant', 'zuid'],
  ['GM0209', 'Beuningen', 'Gelderland', 'zuid'],
  ['GM0375', 'Beverwijk', 'Noord-Holland', 'noord'],
  ['GM1728', 'Bladel', 'Noord-Brabant', 'zuid'],
  ['GM0376', 'Blaricum', 'Noord-Holland', 'noord'],
  ['GM0377', 'Bloemendaal', 'Noord-Holland', 'noord'],
  ['GM1901', 'Bodegraven-Reeuwijk', 'Zuid-Holland', 'midden'],
  ['GM0755', 'Boekel', 'Noord-Brabant', 'zuid'],
  ['GM1681', 'Borger-Odoorn', 'Drenthe', 'noord'],
  ['GM0147', 'Borne', 'Overijssel', 'noord'],
  ['GM0654', 'Borsele', 'Zeeland', 'zuid'],
  ['GM0757', 'Boxtel', 'Noord-Brabant', 'zuid'],
  ['GM0758', 'Breda', 'Noord-Brabant', 'zuid'],
  ['GM1876', 'Bronckhorst', 'Gelderland', 'midden'],
  ['GM0213', 'Brummen', 'Gelderland', 'midden'],
  ['GM0899', 'Brunssum', 'Limburg', 'zuid'],
  ['GM0312', 'Bunnik', 'Utrecht', 'midden'],
  ['GM0313', 'Bunschoten', 'Utrecht', 'midden'],
  ['GM0214', 'Buren', 'Gelderland', 'midden'],
  ['GM0502', 'Capelle aan den IJssel', 'Zuid-Holland', 'midden'],
  ['GM0383', 'Castricum', 'Noord-Holland', 'noord'],
  ['GM0109', 'Coevorden', 'Drenthe', 'noord'],
  ['GM1706', 'Cranendonck', 'Noord-Brabant', 'zuid'],
  ['GM0216', 'Culemborg', 'Gelderland', 'midden'],
  ['GM0148', 'Dalfsen', 'Overijssel', 'noord'],
  ['GM1891', 'Dantumadiel', 'Fryslân', 'noord'],
  ['GM0310', 'De Bilt', 'Utrecht', 'midden'],
  ['GM1940', 'De Fryske Marren', 'Fryslân', 'noord'],
  ['GM0736', 'De Ronde Venen', 'Utrecht', 'midden'],
  ['GM1690', 'De Wolden', 'Drenthe', 'noord'],
  ['GM0503', 'Delft', 'Zuid-Holland', 'midden'],
  ['GM0400', 'Den Helder', 'Noord-Holland', 'noord'],
  ['GM0762', 'Deurne', 'Noord-Brabant', 'zuid'],
  ['GM0150', 'Deventer', 'Overijssel', 'noord'],
  ['GM0384', 'Diemen', 'Noord-Holland', 'noord'],
  ['GM1980', 'Dijk en Waard', 'Noord-Holland', 'noord'],
  ['GM1774', 'Dinkelland', 'Overijssel', 'noord'],
  ['GM0221', 'Doesburg', 'Gelderland', 'zuid'],
  ['GM0222', 'Doetinchem', 'Gelderland', 'midden'],
  ['GM0766', 'Dongen', 'Noord-Brabant', 'zuid'],
  ['GM0505', 'Dordrecht', 'Zuid-Holland', 'midden'],
  ['GM0498', 'Drechterland', 'Noord-Holland', 'noord'],
  ['GM1719', 'Drimmelen', 'Noord-Brabant', 'zuid'],
  ['GM0303', 'Dronten', 'Flevoland', 'noord'],
  ['GM0225', 'Druten', 'Gelderland', 'zuid'],
  ['GM0226', 'Duiven', 'Gelderland', 'zuid'],
  ['GM1711', 'Echt-Susteren', 'Limburg', 'zuid'],
  ['GM0385', 'Edam-Volendam', 'Noord-Holland', 'noord'],
  ['GM0228', 'Ede', 'Gelderland', 'midden'],
  ['GM0317', 'Eemnes', 'Utrecht', 'noord'],
  ['GM1979', 'Eemsdelta', 'Groningen', 'noord'],
  ['GM0770', 'Eersel', 'Noord-Brabant', 'zuid'],
  ['GM1903', 'Eijsden-Margraten', 'Limburg', 'zuid'],
  ['GM0772', 'Eindhoven', 'Noord-Brabant', 'zuid'],
  ['GM0230', 'Elburg', 'Gelderland', 'midden'],
  ['GM0114', 'Emmen', 'Drenthe', 'noord'],
  ['GM0388', 'Enkhuizen', 'Noord-Holland', 'noord'],
  ['GM0153', 'Enschede', 'Overijssel', 'noord'],
  ['GM0232', 'Epe', 'Gelderland', 'midden'],
  ['GM0233', 'Ermelo', 'Gelderland', 'midden'],
  ['GM0777', 'Etten-Leur', 'Noord-Brabant', 'zuid'],
  ['GM0779', 'Geertruidenberg', 'Noord-Brabant', 'zuid'],
  ['GM1771', 'Geldrop-Mierlo', 'Noord-Brabant', 'zuid'],
  ['GM1652', 'Gemert-Bakel', 'Noord-Brabant', 'zuid'],
  ['GM0907', 'Gennep', 'Limburg', 'zuid'],
  ['GM0784', 'Gilze en Rijen', 'Noord-Brabant', 'zuid'],
  ['GM1924', 'Goeree-Overflakkee', 'Zuid-Holland', 'midden'],
  ['GM0664', 'Goes', 'Zeeland', 'zuid'],
  ['GM0785', 'Goirle', 'Noord-Brabant', 'zuid'],
  ['GM1942', 'Gooise Meren', 'Noord-Holland', 'noord'],
  ['GM0512', 'Gorinchem', 'Zuid-Holland', 'midden'],
  ['GM0513', 'Gouda', 'Zuid-Holland', 'midden'],
  ['GM0014', 'Groningen', 'Groningen', 'noord'],
  ['GM1729', 'Gulpen-Wittem', 'Limburg', 'zuid'],
  ['GM0158', 'Haaksbergen', 'Overijssel', 'noord'],
  ['GM0392', 'Haarlem', 'Noord-Holland', 'noord'],
  ['GM0394', 'Haarlemmermeer', 'Noord-Holland', 'noord'],
  ['GM1655', 'Halderberge', 'Noord-Brabant', 'zuid'],
  ['GM0160', 'Hardenberg', 'Overijssel', 'noord'],
  ['GM0243', 'Harderwijk', 'Gelderland', 'midden'],
  ['GM0523', 'Hardinxveld-Giessendam', 'Zuid-Holland', 'midden'],
  ['GM0072', 'Harlingen', 'Fryslân', 'noord'],
  ['GM0244', 'Hattem', 'Gelderland', 'noord'],
  ['GM0396', 'Heemskerk', 'Noord-Holland', 'noord'],
  ['GM0397', 'Heemstede', 'Noord-Holland', 'noord'],
  ['GM0246', 'Heerde', 'Gelderland', 'midden'],
  ['GM0074', 'Heerenveen', 'Fryslân', 'noord'],
  ['GM0917', 'Heerlen', 'Limburg', 'zuid'],
  ['GM1658', 'Heeze-Leende', 'Noord-Brabant', 'zuid'],
  ['GM0399', 'Heiloo', 'Noord-Holland', 'noord'],
  ['GM0163', 'Hellendoorn', 'Overijssel', 'noord'],
  ['GM0794', 'Helmond', 'Noord-Brabant', 'zuid'],
  ['GM0531', 'Hendrik-Ido-Ambacht', 'Zuid-Holland', 'midden'],
  ['GM0164', 'Hengelo (O.)', 'Overijssel', 'noord'],
  ['GM1966', 'Het Hogeland', 'Groningen', 'noord'],
  ['GM0252', 'Heumen', 'Gelderland', 'zuid'],
  ['GM0797', 'Heusden', 'Noord-Brabant', 'zuid'],
  ['GM0534', 'Hillegom', 'Zuid-Holland', 'midden'],
  ['GM0798', 'Hilvarenbeek', 'Noord-Brabant', 'zuid'],
  ['GM0402', 'Hilversum', 'Noord-Holland', 'noord'],
  ['GM1963', 'Hoeksche Waard', 'Zuid-Holland', 'midden'],
  ['GM1735', 'Hof van Twente', 'Overijssel', 'noord'],
  ['GM1911', 'Hollands Kroon', 'Noord-Holland', 'noord'],
  ['GM0118', 'Hoogeveen', 'Drenthe', 'noord'],
  ['GM0405', 'Hoorn', 'Noord-Holland', 'noord'],
  ['GM1507', 'Horst aan de Maas', 'Limburg', 'zuid'],
  ['GM0321', 'Houten', 'Utrecht', 'midden'],
  ['GM0406', 'Huizen', 'Noord-Holland', 'noord'],
  ['GM0677', 'Hulst', 'Zeeland', 'zuid'],
  ['GM0353', 'IJsselstein', 'Utrecht', 'midden'],
  ['GM1884', 'Kaag en Braassem', 'Zuid-Holland', 'midden'],
  ['GM0166', 'Kampen', 'Overijssel', 'noord'],
  ['GM0678', 'Kapelle', 'Zeeland', 'zuid'],
  ['GM0537', 'Katwijk', 'Zuid-Holland', 'midden'],
  ['GM0928', 'Kerkrade', 'Limburg', 'zuid'],
  ['GM1598', 'Koggenland', 'Noord-Holland', 'noord'],
  ['GM0542', 'Krimpen aan den IJssel', 'Zuid-Holland', 'midden'],
  ['GM1931', 'Krimpenerwaard', 'Zuid-Holland', 'midden'],
  ['GM1659', 'Laarbeek', 'Noord-Brabant', 'zuid'],
  ['GM1982', 'Land van Cuijk', 'Noord-Brabant', 'zuid'],
  ['GM0882', 'Landgraaf', 'Limburg', 'zuid'],
  ['GM0415', 'Landsmeer', 'Noord-Holland', 'noord'],
  ['GM1621', 'Lansingerland', 'Zuid-Holland', 'midden'],
  ['GM0417', 'Laren (NH.)', 'Noord-Holland', 'noord'],
  ['GM0080', 'Leeuwarden', 'Fryslân', 'noord'],
  ['GM0546', 'Leiden', 'Zuid-Holland', 'midden'],
  ['GM0547', 'Leiderdorp', 'Zuid-Holland', 'midden'],
  ['GM1916', 'Leidschendam-Voorburg', 'Zuid-Holland', 'midden'],
  ['GM0995', 'Lelystad', 'Flevoland', 'noord'],
  ['GM1640', 'Leudal', 'Limburg', 'zuid'],
  ['GM0327', 'Leusden', 'Utrecht', 'midden'],
  ['GM1705', 'Lingewaard', 'Gelderland', 'zuid'],
  ['GM0553', 'Lisse', 'Zuid-Holland', 'midden'],
  ['GM0262', 'Lochem', 'Gelderland', 'midden'],
  ['GM0809', 'Loon op Zand', 'Noord-Brabant', 'zuid'],
  ['GM0331', 'Lopik', 'Utrecht', 'midden'],
  ['GM0168', 'Losser', 'Overijssel', 'noord'],
  ['GM0263', 'Maasdriel', 'Gelderland', 'zuid'],
  ['GM1641', 'Maasgouw', 'Limburg', 'zuid'],
  ['GM1991', 'Maashorst', 'Noord-Brabant', 'zuid'],
  ['GM0556', 'Maassluis', 'Zuid-Holland', 'midden'],
  ['GM0935', 'Maastricht', 'Limburg', 'zuid'],
  ['GM0420', 'Medemblik', 'Noord-Holland', 'noord'],
  ['GM0938', 'Meerssen', 'Limburg', 'zuid'],
  ['GM1948', 'Meierijstad', 'Noord-Brabant', 'zuid'],
  ['GM0119', 'Meppel', 'Drenthe', 'noord'],
  ['GM0687', 'Middelburg (Z.)', 'Zeeland', 'zuid'],
  ['GM1842', 'Midden-Delfland', 'Zuid-Holland', 'midden'],
  ['GM1731', 'Midden-Drenthe', 'Drenthe', 'noord'],
  ['GM1952', 'Midden-Groningen', 'Groningen', 'noord'],
  ['GM1709', 'Moerdijk', 'Noord-Brabant', 'zuid'],
  ['GM1978', 'Molenlanden', 'Zuid-Holland', 'midden'],
  ['GM1955', 'Montferland', 'Gelderland', 'midden'],
  ['GM0335', 'Montfoort', 'Utrecht', 'midden'],
  ['GM0944', 'Mook en Middelaar', 'Limburg', 'zuid'],
  ['GM1740', 'Neder-Betuwe', 'Gelderland', 'midden'],
  ['GM0946', 'Nederweert', 'Limburg', 'zuid'],
  ['GM0356', 'Nieuwegein', 'Utrecht', 'midden'],
  ['GM0569', 'Nieuwkoop', 'Zuid-Holland', 'midden'],
  ['GM0267', 'Nijkerk', 'Gelderland', 'midden'],
  ['GM0268', 'Nijmegen', 'Gelderland', 'zuid'],
  ['GM1930', 'Nissewaard', 'Zuid-Holland', 'midden'],
  ['GM1970', 'Noardeast-Fryslân', 'Fryslân', 'noord'],
  ['GM1695', 'Noord-Beveland', 'Zeeland', 'zuid'],
  ['GM1699', 'Noordenveld', 'Drenthe', 'noord'],
  ['GM0171', 'Noordoostpolder', 'Flevoland', 'noord'],
  ['GM0575', 'Noordwijk', 'Zuid-Holland', 'midden'],
  ['GM0820', 'Nuenen, Gerwen en Nederwetten', 'Noord-Brabant', 'zuid'],
  ['GM0302', 'Nunspeet', 'Gelderland', 'midden'],
  ['GM0579', 'Oegstgeest', 'Zuid-Holland', 'midden'],
  ['GM0823', 'Oirschot', 'Noord-Brabant', 'zuid'],
  ['GM0824', 'Oisterwijk', 'Noord-Brabant', 'zuid'],
  ['GM1895', 'Oldambt', 'Groningen', 'noord'],
  ['GM0269', 'Oldebroek', 'Gelderland', 'midden'],
  ['GM0173', 'Oldenzaal', 'Overijssel', 'noord'],
  ['GM1773', 'Olst-Wijhe', 'Overijssel', 'noord'],
  ['GM0175', 'Ommen', 'Overijssel', 'noord'],
  ['GM1586', 'Oost Gelre', 'Gelderland', 'midden'],
  ['GM0826', 'Oosterhout', 'Noord-Brabant', 'zuid'],
  ['GM0085', 'Ooststellingwerf', 'Fryslân', 'noord'],
  ['GM0431', 'Oostzaan', 'Noord-Holland', 'noord'],
  ['GM0432', 'Opmeer', 'Noord-Holland', 'noord'],
  ['GM0086', 'Opsterland', 'Fryslân', 'noord'],
  ['GM0828', 'Oss', 'Noord-Brabant', 'zuid'],
  ['GM1509', 'Oude IJsselstreek', 'Gelderland', 'midden'],
  ['GM0437', 'Ouder-Amstel', 'Noord-Holland', 'noord'],
  ['GM0589', 'Oudewater', 'Utrecht', 'midden'],
  ['GM1734', 'Overbetuwe', 'Gelderland', 'zuid'],
  ['GM0590', 'Papendrecht', 'Zuid-Holland', 'midden'],
  ['GM1894', 'Peel en Maas', 'Limburg', 'zuid'],
  ['GM0765', 'Pekela', 'Groningen', 'noord'],
  ['GM1926', 'Pijnacker-Nootdorp', 'Zuid-Holland', 'midden'],
  ['GM0439', 'Purmerend', 'Noord-Holland', 'noord'],
  ['GM0273', 'Putten', 'Gelderland', 'midden'],
  ['GM0177', 'Raalte', 'Overijssel', 'noord'],
  ['GM0703', 'Reimerswaal', 'Zeeland', 'zuid'],
  ['GM0274', 'Renkum', 'Gelderland', 'zuid'],
  ['GM0339', 'Renswoude', 'Utrecht', 'midden'],
  ['GM1667', 'Reusel-De Mierden', 'Noord-Brabant', 'zuid'],
  ['GM0275', 'Rheden', 'Gelderland', 'zuid'],
  ['GM0340', 'Rhenen', 'Utrecht', 'midden'],
  ['GM0597', 'Ridderkerk', 'Zuid-Holland', 'midden'],
  ['GM1742', 'Rijssen-Holten', 'Overijssel', 'noord'],
  ['GM0603', 'Rijswijk (ZH.)', 'Zuid-Holland', 'midden'],
  ['GM1669', 'Roerdalen', 'Limburg', 'zuid'],
  ['GM0957', 'Roermond', 'Limburg', 'zuid'],
  ['GM1674', 'Roosendaal', 'Noord-Brabant', 'zuid'],
  ['GM0599', 'Rotterdam', 'Zuid-Holland', 'midden'],
  ['GM0277', 'Rozendaal', 'Gelderland', 'zuid'],
  ['GM0840', 'Rucphen', 'Noord-Brabant', 'zuid'],
  ['GM0518', '\'s-Gravenhage', 'Zuid-Holland', 'midden'],
  ['GM0796', '\'s-Hertogenbosch', 'Noord-Brabant', 'zuid'],
  ['GM0441', 'Schagen', 'Noord-Holland', 'noord'],
  ['GM0279', 'Scherpenzeel', 'Gelderland', 'midden'],
  ['GM0606', 'Schiedam', 'Zuid-Holland', 'midden'],
  ['GM0088', 'Schiermonnikoog', 'Fryslân', 'noord'],
  ['GM1676', 'Schouwen-Duiveland', 'Zeeland', 'zuid'],
  ['GM0965', 'Simpelveld', 'Limburg', 'zuid'],
  ['GM0845', 'Sint-Michielsgestel', 'Noord-Brabant', 'zuid'],
  ['GM1883', 'Sittard-Geleen', 'Limburg', 'zuid'],
  ['GM0610', 'Sliedrecht', 'Zuid-Holland', 'midden'],
  ['GM1714', 'Sluis', 'Zeeland', 'zuid'],
  ['GM0090', 'Smallingerland', 'Fryslân', 'noord'],
  ['GM0342', 'Soest', 'Utrecht', 'midden'],
  ['GM0847', 'Someren', 'Noord-Brabant', 'zuid'],
  ['GM0848', 'Son en Breugel', 'Noord-Brabant', 'zuid'],
  ['GM0037', 'Stadskanaal', 'Groningen', 'noord'],
  ['GM0180', 'Staphorst', 'Overijssel', 'noord'],
  ['GM0532', 'Stede Broec', 'Noord-Holland', 'noord'],
  ['GM0851', 'Steenbergen', 'Noord-Brabant', 'zuid'],
  ['GM1708', 'Steenwijkerland', 'Overijssel', 'noord'],
  ['GM0971', 'Stein (L.)', 'Limburg', 'zuid'],
  ['GM1904', 'Stichtse Vecht', 'Utrecht', 'midden'],
  ['GM1900', 'Súdwest-Fryslân', 'Fryslân', 'noord'],
  ['GM0715', 'Terneuzen', 'Zeeland', 'zuid'],
  ['GM0093', 'Terschelling', 'Fryslân', 'noord'],
  ['GM0448', 'Texel', 'Noord-Holland', 'noord'],
  ['GM1525', 'Teylingen', 'Zuid-Holland', 'midden'],
  ['GM0716', 'Tholen', 'Zeeland', 'zuid'],
  ['GM0281', 'Tiel', 'Gelderland', 'midden'],
  ['GM0855', 'Tilburg', 'Noord-Brabant', 'zuid'],
  ['GM0183', 'Tubbergen', 'Overijssel', 'noord'],
  ['GM1700', 'Twenterand', 'Overijssel', 'noord'],
  ['GM1730', 'Tynaarlo', 'Drenthe', 'noord'],
  ['GM0737', 'Tytsjerksteradiel', 'Fryslân', 'noord'],
  ['GM0450', 'Uitgeest', 'Noord-Holland', 'noord'],
  ['GM0451', 'Uithoorn', 'Noord-Holland', 'noord'],
  ['GM0184', 'Urk', 'Flevoland', 'noord'],
  ['GM0344', 'Utrecht', 'Utrecht', 'midden'],
  ['GM1581', 'Utrechtse Heuvelrug', 'Utrecht', 'midden'],
  ['GM0981', 'Vaals', 'Limburg', 'zuid'],
  ['GM0994', 'Valkenburg aan de Geul', 'Limburg', 'zuid'],
  ['GM0858', 'Valkenswaard', 'Noord-Brabant', 'zuid'],
  ['GM0047', 'Veendam', 'Groningen', 'noord'],
  ['GM0345', 'Veenendaal', 'Utrecht', 'midden'],
  ['GM0717', 'Veere', 'Zeeland', 'zuid'],
  ['GM0861', 'Veldhoven', 'Noord-Brabant', 'zuid'],
  ['GM0453', 'Velsen', 'Noord-Holland', 'noord'],
  ['GM0983', 'Venlo', 'Limburg', 'zuid'],
  ['GM0984', 'Venray', 'Limburg', 'zuid'],
  ['GM1961', 'Vijfheerenlanden', 'Utrecht', 'midden'],
  ['GM0622', 'Vlaardingen', 'Zuid-Holland', 'midden'],
  ['GM0096', 'Vlieland', 'Fryslân', 'noord'],
  ['GM0718', 'Vlissingen', 'Zeeland', 'zuid'],
  ['GM0986', 'Voerendaal', 'Limburg', 'zuid'],
  ['GM1992', 'Voorne aan Zee', 'Zuid-Holland', 'midden'],
  ['GM0626', 'Voorschoten', 'Zuid-Holland', 'midden'],
  ['GM0285', 'Voorst', 'Gelderland', 'midden'],
  ['GM0865', 'Vught', 'Noord-Brabant', 'zuid'],
  ['GM1949', 'Waadhoeke', 'Fryslân', 'noord'],
  ['GM0866', 'Waalre', 'Noord-Brabant', 'zuid'],
  ['GM0867', 'Waalwijk', 'Noord-Brabant', 'zuid'],
  ['GM0627', 'Waddinxveen', 'Zuid-Holland', 'midden'],
  ['GM0289', 'Wageningen', 'Gelderland', 'midden'],
  ['GM0629', 'Wassenaar', 'Zuid-Holland', 'midden'],
  ['GM0852', 'Waterland', 'Noord-Holland', 'noord'],
  ['GM0988', 'Weert', 'Limburg', 'zuid'],
  ['GM1960', 'West Betuwe', 'Gelderland', 'midden'],
  ['GM0668', 'West Maas en Waal', 'Gelderland', 'zuid'],
  ['GM1969', 'Westerkwartier', 'Groningen', 'noord'],
  ['GM1701', 'Westerveld', 'Drenthe', 'noord'],
  ['GM0293', 'Westervoort', 'Gelderland', 'zuid'],
  ['GM1950', 'Westerwolde', 'Groningen', 'noord'],
  ['GM1783', 'Westland', 'Zuid-Holland', 'midden'],
  ['GM0098', 'Weststellingwerf', 'Fryslân', 'noord'],
  ['GM0189', 'Wierden', 'Overijssel', 'noord'],
  ['GM0296', 'Wijchen', 'Gelderland', 'zuid'],
  ['GM1696', 'Wijdemeren', 'Noord-Holland', 'noord'],
  ['GM0352', 'Wijk bij Duurstede', 'Utrecht', 'midden'],
  ['GM0294', 'Winterswijk', 'Gelderland', 'midden'],
  ['GM0873', 'Woensdrecht', 'Noord-Brabant', 'zuid'],
  ['GM0632', 'Woerden', 'Utrecht', 'midden'],
  ['GM0880', 'Wormerland', 'Noord-Holland', 'noord'],
  ['GM0351', 'Woudenberg', 'Utrecht', 'midden'],
  ['GM0479', 'Zaanstad', 'Noord-Holland', 'noord'],
  ['GM0297', 'Zaltbommel', 'Gelderland', 'zuid'],
  ['GM0473', 'Zandvoort', 'Noord-Holland', 'noord'],
  ['GM0050', 'Zeewolde', 'Flevoland', 'midden'],
  ['GM0355', 'Zeist', 'Utrecht', 'midden'],
  ['GM0299', 'Zevenaar', 'Gelderland', 'zuid'],
  ['GM0637', 'Zoetermeer', 'Zuid-Holland', 'midden'],
  ['GM0638', 'Zoeterwoude', 'Zuid-Holland', 'midden'],
  ['GM1892', 'Zuidplas', 'Zuid-Holland', 'midden'],
  ['GM0879', 'Zundert', 'Noord-Brabant', 'zuid'],
  ['GM0301', 'Zutphen', 'Gelderland', 'midden'],
  ['GM1896', 'Zwartewaterland', 'Overijssel', 'noord'],
  ['GM0642', 'Zwijndrecht', 'Zuid-Holland', 'midden'],
  ['GM0193', 'Zwolle', 'Overijssel', 'noord'],
];

export const DUTCH_GEMEENTEN: readonly DutchGemeente[] = Object.freeze(
  ROWS.map(([cbsCode, name, province, holidayRegion]) => Object.freeze({ cbsCode, name, province, holidayRegion })),
);

/**
 * Gemeenten whose holiday region is NOT established by a source and was set by the province rule.
 * Empty for this list: every gemeente is covered by the Rijksoverheid rules quoted in the header
 * (province rule plus the named exceptions). Add a code here (and a reason in a comment) if a
 * gemeente is ever assigned by the province rule alone, e.g. a new gemeente from a herindeling
 * across a region border before the Rijksoverheid page names it.
 */
export const UNVERIFIED_HOLIDAY_REGIONS: readonly string[] = Object.freeze([]);

/**
 * Gemeenten that the Rijksoverheid splits between two holiday regions. DUTCH_GEMEENTEN carries the
 * region of the larger part; `part` lies in `partRegion`.
 */
export const HOLIDAY_REGION_SPLITS: readonly { cbsCode: string; part: string; partRegion: HolidayRegion }[] =
  Object.freeze([
    { cbsCode: 'GM0736', part: 'het gebied van de voormalige gemeente Abcoude', partRegion: 'noord' }, // De Ronde Venen
    { cbsCode: 'GM1959', part: 'de kernen Hank en Dussen', partRegion: 'zuid' }, // Altena
    { cbsCode: 'GM1955', part: 'het gebied van de voormalige gemeente Didam', partRegion: 'zuid' }, // Montferland
    { cbsCode: 'GM1740', part: 'het gebied van de voormalige gemeente Dodewaard', partRegion: 'zuid' }, // Neder-Betuwe
  ]);

/** Other names people search with: everyday names and gemeenten merged away since 2022. */
export const GEMEENTE_ALIASES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  GM0518: ['Den Haag', 'The Hague'],
  GM0796: ['Den Bosch'],
  GM1900: ['Zuidwest-Friesland'],
  GM1970: ['Noordoost-Friesland'],
  GM0737: ['Tietjerksteradeel'],
  GM1940: ['De Friese Meren'],
  GM0888: ['Beek'],
  GM0164: ['Hengelo'],
  GM0417: ['Laren'],
  GM0687: ['Middelburg'],
  GM0603: ['Rijswijk'],
  GM0971: ['Stein'],
  GM0820: ['Nuenen'],
  GM0363: ['Weesp'], // joined Amsterdam on 24 March 2022
  GM1992: ['Brielle', 'Hellevoetsluis', 'Westvoorne'], // merged on 1 January 2023
  GM1980: ['Heerhugowaard', 'Langedijk'], // merged on 1 January 2022
  GM1991: ['Uden', 'Landerd'], // merged on 1 January 2022
  GM1982: ['Boxmeer', 'Cuijk', 'Grave', 'Mill en Sint Hubert', 'Sint Anthonis'], // merged on 1 January 2022
  GM0439: ['Beemster'], // joined Purmerend on 1 January 2022
});

const BY_CODE: ReadonlyMap<string, DutchGemeente> = new Map(DUTCH_GEMEENTEN.map((g) => [g.cbsCode, g]));

/** Lower case, without accents and apostrophes, with hyphens and commas as spaces. */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[-,.()/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Accepts 'GM0355', 'gm0355', ' GM0355 '. */
export function findGemeente(cbsCode: string): DutchGemeente | undefined {
  return BY_CODE.get(cbsCode.trim().toUpperCase());
}

interface SearchEntry {
  gemeente: DutchGemeente;
  /** Normalised name first, then aliases. */
  terms: readonly string[];
  code: string; // 'gm0355'
}

const SEARCH_INDEX: readonly SearchEntry[] = DUTCH_GEMEENTEN.map((gemeente) => ({
  gemeente,
  terms: [gemeente.name, ...(GEMEENTE_ALIASES[gemeente.cbsCode] ?? [])].map(normalise),
  code: gemeente.cbsCode.toLowerCase(),
}));

const collator = new Intl.Collator('nl', { sensitivity: 'base', ignorePunctuation: true });

/** How well one term matches: 1 starts with the query, 2 a word starts with it, 3 contains it. */
function termRank(term: string, query: string): number | undefined {
  if (term.startsWith(query)) return 1;
  if (term.split(' ').some((_, i, words) => words.slice(i).join(' ').startsWith(query))) return 2;
  if (term.includes(query)) return 3;
  return undefined;
}

function codeRank(code: string, query: string): number | undefined {
  const compact = query.replace(/\s/g, '');
  if (/^(gm)?\d{1,4}$/.test(compact)) {
    const digits = compact.replace(/^gm/, '');
    if (Number(digits) === Number(code.slice(2))) return 0;
    if (code.slice(2).startsWith(digits) || code.startsWith(compact)) return 1;
  }
  return undefined;
}

/**
 * Gemeenten whose name, alias or CBS code matches the query, case- and accent-insensitive:
 * an exact code first, then names that start with the query, then names with a word that starts
 * with it, then names that contain it; alphabetical within each group. An empty query finds none.
 */
export function searchGemeenten(query: string, limit = 20): DutchGemeente[] {
  const q = normalise(query);
  const max = Math.max(0, Math.floor(limit));
  if (q === '' || max === 0) return [];
  const hits: { gemeente: DutchGemeente; rank: number }[] = [];
  for (const entry of SEARCH_INDEX) {
    let rank = codeRank(entry.code, q);
    for (const term of entry.terms) {
      const r = termRank(term, q);
      if (r !== undefined && (rank === undefined || r < rank)) rank = r;
    }
    if (rank !== undefined) hits.push({ gemeente: entry.gemeente, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || collator.compare(a.gemeente.name, b.gemeente.name));
  return hits.slice(0, max).map((h) => h.gemeente);
}
