/**
 * The Rijksoverheid open data for 2027-2028 as the school-year endpoint answers it (dates from
 * rijksoverheid.nl "Overzicht schoolvakanties 2027-2028"), with the variants seen in the published
 * files: type names with spaces and newlines, "heel Nederland", start at midnight UTC, end at
 * 21:59/22:59 UTC, or at 22:00/23:00 UTC on the first day itself (as the captured 2023-2024 response
 * does; the date written is the day).
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
        { type: 'Kerstvakantie', compulsorydates: 'true', regions: [{ region: 'heel Nederland', startdate: '2027-12-25T23:00:00.000Z', enddate: '2028-01-09T22:59:00.000Z' }] },
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

/**
 * The response for 2023-2024 as it was captured from the school-year endpoint (structure, padding
 * and timestamps exactly as published, the `notice` shortened). The official days: herfstvakantie
 * noord 21–29 October, midden and zuid 14–22 October 2023; kerstvakantie 23 December 2023 – 7 January
 * 2024; voorjaarsvakantie noord and midden 17–25 February, zuid 10–18 February; meivakantie 27 April
 * – 5 May; zomervakantie noord 20 July – 1 September, midden 13 July – 25 August, zuid 6 July – 18
 * August 2024.
 */
export const CAPTURED_2023_2024 = {
  id: '94f2a45a-eefe-44a4-b4bb-33be9c260047',
  type: 'schoolvakanties',
  canonical: 'https://www.rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar/overzicht-schoolvakanties-2023-2024',
  content: [
    {
      title: '\n            Overzicht schoolvakanties schooljaar 2023-2024 \n           ',
      schoolyear: '\n              2023-2024 \n            ',
      vacations: [
        {
          type: '\n                         Herfstvakantie \n                    ',
          compulsorydates: 'false',
          regions: [
            { region: 'noord', startdate: '2023-10-21T22:00:00.000Z', enddate: '2023-10-29T21:59:00.000Z' },
            { region: 'midden', startdate: '2023-10-14T22:00:00.000Z', enddate: '2023-10-22T22:59:00.000Z' },
            { region: 'zuid', startdate: '2023-10-14T22:00:00.000Z', enddate: '2023-10-22T22:59:00.000Z' },
          ],
        },
        { type: '\n                         Kerstvakantie \n                    ', compulsorydates: 'true', regions: [{ region: 'heel Nederland', startdate: '2023-12-23T23:00:00.000Z', enddate: '2024-01-07T22:59:00.000Z' }] },
        {
          type: '\n                         Voorjaarsvakantie \n                    ',
          compulsorydates: 'false',
          regions: [
            { region: 'noord', startdate: '2024-02-17T23:00:00.000Z', enddate: '2024-02-25T22:59:00.000Z' },
            { region: 'midden', startdate: '2024-02-17T23:00:00.000Z', enddate: '2024-02-25T22:59:00.000Z' },
            { region: 'zuid', startdate: '2024-02-10T23:00:00.000Z', enddate: '2024-02-18T22:59:00.000Z' },
          ],
        },
        { type: '\n                         Meivakantie \n                    ', compulsorydates: 'true', regions: [{ region: 'heel Nederland', startdate: '2024-04-27T22:00:00.000Z', enddate: '2024-05-05T21:59:00.000Z' }] },
        {
          type: '\n                         Zomervakantie \n                    ',
          compulsorydates: 'true',
          regions: [
            { region: 'noord', startdate: '2024-07-20T22:00:00.000Z', enddate: '2024-09-01T21:59:00.000Z' },
            { region: 'midden', startdate: '2024-07-13T22:00:00.000Z', enddate: '2024-08-25T21:59:00.000Z' },
            { region: 'zuid', startdate: '2024-07-06T22:00:00.000Z', enddate: '2024-08-18T21:59:00.000Z' },
          ],
        },
      ],
    },
  ],
  notice: '\n        \n            &sup1; Voor deze vakantie geeft het ministerie van OCW alleen adviesdata. Scholen mogen hier dus van afwijken.\n         \n    ',
  authorities: ['\n             Ministerie van Onderwijs, Cultuur en Wetenschap \n        '],
  license: 'CC0 1.0 Universal',
  language: 'nl-NL',
  lastmodified: '2019-12-13T06:58:41.060Z',
};
