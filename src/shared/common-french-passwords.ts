/**
 * What people in France choose when asked for a password or « une petite phrase », written from
 * general knowledge: words, first names, keyboard rows and well-known sayings. The policy compares
 * letters only (accents, case, spaces, digits and symbols removed), so « Soleil2026 ! » is « soleil »
 * and « Je t'aime mon amour » is « jetaimemonamour ».
 */

/** Single words and short expressions, typed alone or with digits and symbols around them. */
const frenchWords = [
  // Affection and family
  'amour', 'mon amour', 'monamour', 'mon cœur', 'mon bébé', 'mon chéri', 'ma chérie', 'ma puce', 'mon ange',
  'mon trésor', 'ma princesse', 'mon prince', 'ma vie', 'bisous', 'gros bisous', 'câlin', 'câlins', 'chéri',
  'chérie', 'bébé', 'maman', 'papa', 'mamie', 'papi', 'papy', 'mémé', 'pépé', 'tonton', 'tata', 'famille',
  'ma famille', 'mes enfants', 'enfants', 'mon fils', 'ma fille', 'nounours', 'doudou', 'titou', 'loulou',
  'poussin', 'chaton', 'lapin', 'mon lapin', 'ma biche', 'minou', 'minette', 'toutou', 'choupette', 'chouchou',
  // Everyday words
  'bonjour', 'salut', 'coucou', 'merci', 'soleil', 'étoile', 'lune', 'fleur', 'papillon', 'chocolat',
  'vacances', 'liberté', 'bonheur', 'espoir', 'courage', 'victoire', 'secret', 'mon secret', 'musique',
  'danse', 'cheval', 'chien', 'chat', 'tigre', 'lion', 'loup', 'dauphin', 'panthère', 'maison', 'voiture',
  'jardin', 'printemps', 'été', 'automne', 'hiver', 'noël', 'joyeux noël', 'bonne année', 'anniversaire',
  'téléphone', 'portable', 'ordinateur', 'internet', 'facebook', 'instagram', 'snapchat', 'google', 'gmail',
  'orange', 'free', 'sfr', 'bouygues', 'laposte', 'la poste', 'ameli', 'caf', 'pôle emploi', 'france travail',
  'impots', 'sécu', 'banque', 'argent', 'fric', 'bourse',
  // Passwords about passwords and accounts
  'mot de passe', 'mon mot de passe', 'nouveau mot de passe', 'mot de passe oublié', 'identifiant',
  'mon identifiant', 'mon compte', 'mon espace', 'connexion', 'accès', 'code', 'mon code', 'code secret',
  'courrier', 'mon courrier', 'mes courriers', 'domicile', 'domicilié', 'adresse', 'mon adresse', 'usager',
  'portail usager', 'ccas', 'association', 'structure', 'accueil',
  // Football, cities and country
  'om', 'psg', 'ol', 'allez lom', 'allez l om', 'allez paris', 'ici cest paris', 'paris saint germain',
  'olympique de marseille', 'olympique lyonnais', 'allez les bleus', 'les bleus', 'zidane', 'mbappe',
  'vive la france', 'vive lalgérie', 'vive le maroc', 'vive la tunisie', 'algérie', 'maroc', 'tunisie',
  'sénégal', 'bordeaux', 'toulouse', 'nantes', 'lille', 'nice', 'strasbourg', 'montpellier', 'rennes',
  'grenoble', 'villeurbanne', 'saint étienne', 'le havre', 'marseille', 'paris', 'lyon', 'france',
  // Faith
  'dieu', 'mon dieu', 'jésus', 'jésus christ', 'marie', 'allah', 'bismillah', 'inchallah', 'alhamdoulillah',
  'amen', 'alléluia',
];

/** First names common in France, often followed by a year or digits. */
const firstNames = [
  'adam', 'adrien', 'ahmed', 'aicha', 'alain', 'alexandre', 'alexis', 'ali', 'alice', 'amandine', 'ambre',
  'amine', 'anais', 'andré', 'anne', 'anthony', 'antoine', 'arnaud', 'arthur', 'audrey', 'aurélie', 'baptiste',
  'benjamin', 'bernard', 'bruno', 'camille', 'caroline', 'catherine', 'cédric', 'céline', 'charlotte',
  'chloé', 'christian', 'christine', 'christophe', 'claire', 'claude', 'clément', 'daniel', 'david',
  'delphine', 'denis', 'didier', 'dominique', 'elodie', 'emma', 'enzo', 'éric', 'fabrice', 'fatima',
  'fatou', 'florian', 'france', 'françoise', 'franck', 'frédéric', 'gabriel', 'gérard', 'guillaume', 'hélène',
  'hugo', 'inès', 'isabelle', 'jacques', 'jade', 'jean', 'jérémy', 'jérôme', 'jonathan', 'jordan',
  'julie', 'julien', 'justine', 'karim', 'kévin', 'laetitia', 'laura', 'laurent', 'léa', 'léo', 'lina',
  'louis', 'louise', 'lucas', 'lucie', 'manon', 'marc', 'marine', 'martine', 'mathieu', 'mathis', 'maxime',
  'mehdi', 'mélanie', 'michel', 'mohamed', 'monique', 'nadia', 'nathalie', 'nathan', 'nicolas', 'noah',
  'océane', 'olivier', 'omar', 'pascal', 'patrick', 'pauline', 'philippe', 'pierre', 'quentin', 'rachid',
  'raphaël', 'rayan', 'romain', 'samir', 'sandrine', 'sarah', 'sébastien', 'sophie', 'stéphane',
  'stéphanie', 'sylvie', 'théo', 'thierry', 'thomas', 'valérie', 'vanessa', 'véronique', 'vincent',
  'virginie', 'yanis', 'yasmine', 'youssef', 'zoé',
];

/** Shapes on the French keyboard (AZERTY) that are not one run along its rows (the policy finds those). */
const azertyShapes = [
  'azeqsdwxc', 'aqwzsxedc', 'aqwzsxedcrfv', 'azqswx', 'azeqsd', 'azertyqsdfgh', 'azertyazerty', 'azerazer',
  'qsdfqsdf', 'wxcvwxcv', 'azertyqwerty', 'qwertyazerty', 'azertyuiopazertyuiop',
];

/** Sentences and sayings people reach for when told that a short sentence makes a good password. */
const frenchPassphrases = [
  'je t’aime', 'je t’aime mon amour', 'je t’aime pour la vie', 'je t’aime à la folie', 'je t’aime pour toujours',
  'je t’aime maman', 'je t’aime papa', 'maman je t’aime', 'papa je t’aime', 'je vous aime', 'mes enfants je vous aime',
  'mes enfants chéris', 'mes amours', 'toi et moi', 'toi et moi pour toujours', 'pour toujours', 'pour la vie',
  'à la vie à la mort', 'amour toujours', 'l’amour toujours', 'l’amour de ma vie', 'mon amour pour toujours',
  'ma vie mes règles', 'ma vie à moi', 'c’est moi', 'moi même', 'c’est la vie', 'la vie est belle', 'la vie en rose',
  'la belle vie', 'vive la vie', 'tout va bien', 'ça va bien', 'tout est possible', 'rien n’est impossible',
  'impossible n’est pas français', 'quand on veut on peut', 'qui ne tente rien n’a rien', 'jamais sans ma fille',
  'petit à petit l’oiseau fait son nid', 'un pour tous tous pour un', 'je pense donc je suis', 'carpe diem',
  'hakuna matata', 'liberté égalité fraternité', 'bonjour tout le monde', 'bonjour à tous', 'bonne journée',
  'il fait beau', 'le soleil brille', 'le soleil se lève', 'au clair de la lune', 'frère jacques',
  'il était une fois', 'il était une fois dans l’ouest', 'le petit prince', 'les misérables', 'la marseillaise',
  'allons enfants de la patrie', 'dieu est grand', 'dieu est amour', 'dieu merci', 'que dieu te bénisse',
  'grâce à dieu', 'jésus t’aime', 'jésus est mon sauveur', 'la ilaha illa allah', 'allahu akbar',
  'je suis le meilleur', 'je suis la meilleure', 'je suis le roi', 'je suis la reine', 'je suis moi',
  'ma maison', 'ma maison est belle', 'mon chien', 'mon chat', 'mon chien est gentil', 'mon chat est noir',
  'le chat noir', 'le petit chat', 'le petit chien', 'mon petit chat', 'mon petit chien', 'ma belle famille',
  'ma petite famille', 'ma fille chérie', 'mon fils chéri', 'mes petits enfants', 'un deux trois soleil',
  'un deux trois quatre', 'un deux trois quatre cinq six', 'mot de passe secret', 'ceci est mon mot de passe',
  'ceci est un mot de passe', 'mon mot de passe secret', 'mon nouveau mot de passe', 'je ne sais pas',
  'je sais pas', 'je n’oublie pas', 'ne pas oublier', 'ne rien lâcher', 'on lâche rien', 'jamais deux sans trois',
  'plus jamais ça', 'allez allez allez', 'droit au but', 'ici c’est paris', 'ici c’est marseille',
  'aux armes citoyens', 'bonne chance', 'bon courage', 'bon anniversaire', 'joyeux anniversaire',
];

/**
 * The examples the portal shows next to its password fields (in French and in English): a person
 * may copy one word for word, so none of them may become a personal password.
 */
export const shownPasswordExamples = ['mon vélo bleu du marché', 'my blue bike at the market'];

export const commonFrenchPasswords: readonly string[] = [...frenchWords, ...firstNames, ...azertyShapes, ...frenchPassphrases, ...shownPasswordExamples];
