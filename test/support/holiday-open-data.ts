/**
 * The Rijksoverheid open data for 2027-2028 as the school-year endpoint answers it (dates from
 * rijksoverheid.nl "Overzicht schoolvakanties 2027-2028"), with the variants seen in the published
 * files: type names with spaces and newlines, "heel Nederland", start at midnight UTC, end at
 * 21:59/22:59 UTC (= 23:59 in Amsterdam) or at 22:00 UTC of the day before (= midnight Amsterdam).
 */
export const OPEN_DATA_2027_2028 = {
  id: 'd4ba3d4d-0fb0-4b5c-9b7a-1b4c1c4c0c0c',
  type: 'schoolholidays',
  canonical: 'https://www.rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar/overzicht-schoolvakanties-2027-2028',
  content: [
    {
      title: 'Schoolvakanties 2027-2028',
      schoolyear: '2027-2028 ',
      vacations: [
        {
          type: '\n Herfstvakantie \n',
          compulsorydates: 'false',
          regions: [
            { region: 'noord', startdate: '2027-10-16T00:00:00.000Z', enddate: '2027-10-24T21:59:00.000Z' },
            { region: 'midden', startdate: '2027-10-16T00:00:00.000Z', enddate: '2027-10-24T21:59:00.000Z' },
            { region: 'zuid', startdate: '2027-10-23T00:00:00.000Z', enddate: '2027-10-31T22:59:00.000Z' },
          ],
        },
        { type: 'Kerstvakantie', compulsorydates: 'true', regions: [{ region: 'heel Nederland', startdate: '2027-12-24T23:00:00.000Z', enddate: '2028-01-09T22:59:00.000Z' }] },
        {
          type: 'Voorjaarsvakantie ',
          compulsorydates: 'false',
          regions: [
            { region: 'noord', startdate: '2028-02-19T00:00:00.000Z', enddate: '2028-02-27T00:00:00.000Z' },
            { region: 'midden', startdate: '2028-02-26T00:00:00.000Z', enddate: '2028-03-05T00:00:00.000Z' },
            { region: 'zuid', startdate: '2028-02-26', enddate: '2028-03-05' },
          ],
        },
        { type: 'Meivakantie', compulsorydates: 'true', regions: [{ region: 'heel Nederland', startdate: '2028-04-29T00:00:00.000Z', enddate: '2028-05-07T21:59:00.000Z' }] },
        {
          type: 'Zomervakantie',
          compulsorydates: 'true',
          regions: [
            { region: 'noord', startdate: '2028-07-15T00:00:00.000Z', enddate: '2028-08-27T21:59:00.000Z' },
            { region: 'midden', startdate: '2028-07-08T00:00:00.000Z', enddate: '2028-08-20T21:59:00.000Z' },
            { region: 'zuid', startdate: '2028-07-22T00:00:00.000Z', enddate: '2028-09-03T21:59:00.000Z' },
          ],
        },
      ],
    },
  ],
  notice: 'Aan deze gegevens kunnen geen rechten worden ontleend.',
};
