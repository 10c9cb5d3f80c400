// A short list is enough: the length rule already rejects most leaked passwords.
export const commonPasswords = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '111111111111', '000000000000',
  'azertyuiopqs', 'azertyuiop123', 'azerty123456', 'azertyazerty', 'qwertyuiop123', 'qwerty123456',
  'qwertyqwerty', 'password1234', 'password123!', 'passwordpassword', 'motdepasse123', 'motdepasse1234',
  'motdepasse2024', 'motdepasse2025', 'motdepasse2026', 'iloveyou1234', 'jetaime123456', 'abcdefghijkl',
  'abcdef123456', 'aaaaaaaaaaaa', 'demo-domiciliation-2026', 'changeme1234', 'bienvenue123',
  'bienvenue1234', 'administrateur', 'administrator', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'zaq12wsxcde3',
]);

export const commonWords = new Set([
  'azerty', 'azertyuiop', 'qwerty', 'qwertyuiop', 'password', 'passwords', 'motdepasse', 'motdepasses',
  'bonjour', 'bonsoir', 'soleil', 'jetaime', 'iloveyou', 'doudou', 'chouchou', 'loulou', 'marseille',
  'paris', 'lyon', 'france', 'football', 'princesse', 'bienvenue', 'welcome', 'admin', 'administrateur',
  'administrator', 'secret', 'monkey', 'dragon', 'sunshine', 'letmein', 'changeme', 'portail',
  'domiciliation', 'domifa', 'abcdef', 'abcdefgh', 'abcdefghijkl', 'test', 'testtest', 'utilisateur',
]);
