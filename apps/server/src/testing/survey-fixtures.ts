/** A survey with a skip rule (no bike → straight to the last page) and a piped text. */
export const bikeSurvey = {
  schemaVersion: 1,
  title: { de: 'Fahrrad-Umfrage', en: 'Bike survey' },
  pages: [
    {
      id: 'start',
      questions: [
        { id: 'rides', type: 'yes_no', required: true, text: { de: 'Fährst du Fahrrad?', en: 'Do you ride a bike?' } },
        { id: 'bike_name', type: 'short_text', text: { de: 'Wie heißt dein Rad?', en: 'What is your bike called?' } },
      ],
      skip: [{ if: { question: 'rides', op: 'equals', value: false }, to: { page: 'last' } }],
    },
    {
      id: 'bike',
      questions: [{ id: 'score', type: 'nps', required: true, text: { de: 'Wie sehr empfiehlst du {{answer:bike_name}}?', en: 'Would you recommend {{answer:bike_name}}?' } }],
    },
    { id: 'last', questions: [{ id: 'comment', type: 'long_text', text: { de: 'Noch etwas?', en: 'Anything else?' } }] },
  ],
};
