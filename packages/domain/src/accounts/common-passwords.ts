/**
 * Passwords of at least 8 characters that top every leaked-password list. Short ones
 * are already refused by the length rule, so only longer ones need listing here.
 * Compared case-insensitively.
 */
export const commonPasswords: ReadonlySet<string> = new Set([
  '12345678', '123456789', '1234567890', '12345678910', '123123123', '11111111', '111111111',
  '00000000', '88888888', '87654321', '987654321', '0987654321', '11223344', '12341234',
  '123qweasd', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'zaq12wsx', 'qwertyui', 'qwertyuiop',
  'qwerty123', 'qwerty1234', 'qwertz123', 'qwertzuiop', 'asdfghjk', 'asdfghjkl', 'azertyuiop',
  'password', 'password1', 'password12', 'password123', 'password!', 'passw0rd', 'p@ssw0rd',
  'p@ssword', 'passwort', 'passwort1', 'passwort123', 'kennwort', 'kennwort1', 'geheim123',
  'hallo123', 'hallo1234', 'schatz123', 'schalke04', 'fussball', 'fussball1', 'sommer2024',
  'sommer2025', 'sommer2026', 'winter2025', 'winter2026', 'iloveyou', 'iloveyou1', 'sunshine',
  'princess', 'football', 'baseball', 'welcome1', 'welcome123', 'letmein1', 'letmein123',
  'trustno1', 'superman', 'batman123', 'starwars', 'whatever', 'changeme', 'changeme123',
  'administrator', 'admin123', 'admin1234', 'adminadmin', 'rootroot', 'test1234', 'test12345',
  'testtest', 'abcd1234', 'abc12345', 'abcdefgh', 'abcdef123', 'aa123456', 'a1b2c3d4',
  'monkey123', 'dragon123', 'master123', 'computer', 'internet', 'michael1', 'jennifer',
  'charlie1', 'liverpool', 'chelsea1', 'pokemon1', 'minecraft', 'q1w2e3r4', 'q1w2e3r4t5',
  'zxcvbnm1', 'zxcvbnm123', 'mustermann', 'qwerasdf', 'lol12345', 'freedom1', 'shadow12',
  'jordan23', 'samsung1', 'google123', 'secret123', 'community', 'community1', 'quorum123',
]);
