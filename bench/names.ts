/**
 * Word lists for the generated people: common surnames and first names in France, with
 * their accents, including names frequent among people asking for a domiciliation.
 * Never "Lefèvre" (only "Lefebvre"), "Quéméner" or "Zéphyrin(e)": those belong to the
 * planted people whose search results are checked.
 */
export const surnames = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand',
  'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin',
  'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson',
  'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier', 'Roger',
  'Rolland', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Hubert', 'Carré', 'Dufour', 'Rey', 'Noël',
  'Giraud', 'Brun', 'Benoît', 'Lemaître', 'Hérault', 'Ménard', 'Bérenger', 'Ferré', 'Lebœuf', 'Prévost',
  'Besnard', 'Séguin', 'Thérond', 'Vallée', 'Hébert', 'Bégué', 'Crépin', 'Delépine', 'Lécuyer', 'Pélissier',
  'Benali', 'Benaïssa', 'Haddad', 'Bouzid', 'Mansouri', 'Belkacem', 'Saïdi', 'Chérif', 'Amrani', 'Brahimi',
  'Diallo', 'Traoré', 'Koné', 'Camara', 'Diop', 'Sow', 'Keïta', 'Coulibaly', 'Ndiaye', 'Touré',
  'Popescu', 'Ionescu', 'Stoica', 'Kowalski', 'Nowak', 'Pereira', 'Ferreira', 'Rodrigues', 'Da Silva', 'Öztürk',
  'Yılmaz', 'Kaya', 'Hakimi', 'Rahmani', 'Ahmadi', 'Mohammadi', 'Tran', 'Pham', 'Le Goff', 'Le Gall',
  "N'Diaye", "D'Almeida", 'Saint-Clair', 'Bouvier', 'Collin', 'Marchand', 'Renaud', 'Arnaud', 'Picard', 'Caron',
];

export const femaleFirstNames = [
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Françoise', 'Valérie', 'Christine', 'Sandrine', 'Céline',
  'Stéphanie', 'Véronique', 'Sophie', 'Émilie', 'Julie', 'Aurélie', 'Camille', 'Léa', 'Chloé', 'Manon',
  'Inès', 'Zoé', 'Anaïs', 'Océane', 'Mélanie', 'Hélène', 'Élodie', 'Noémie', 'Maëlys', 'Clémence',
  'Thérèse', 'Agnès', 'Béatrice', 'Danièle', 'Geneviève', 'Josiane', 'Maïté', 'Gaëlle', 'Joëlle', 'Raphaëlle',
  'Fatima', 'Aïcha', 'Khadija', 'Yasmina', 'Samira', 'Leïla', 'Naïma', 'Nadia', 'Farida', 'Souad',
  'Fatoumata', 'Aïssatou', 'Mariam', 'Awa', 'Kadiatou', 'Aminata', 'Ramatoulaye', 'Binta', 'Oumou', 'Hawa',
  'Irina', 'Elena', 'Ioana', 'Anna', 'Olga', 'Ana', 'Maria', 'Zeynep', 'Linh', 'Mai',
];

export const maleFirstNames = [
  'Jean', 'Pierre', 'Michel', 'André', 'Philippe', 'Alain', 'Jacques', 'Bernard', 'Christophe', 'Éric',
  'Frédéric', 'Stéphane', 'Laurent', 'Olivier', 'Sébastien', 'Jérôme', 'François', 'Benoît', 'Hervé', 'Gérard',
  'Thierry', 'Noël', 'Joël', 'Gaël', 'Loïc', 'Maël', 'Raphaël', 'Théo', 'Mathéo', 'Clément',
  'Léo', 'Hugo', 'Lucas', 'Nathan', 'Enzo', 'Timothée', 'Rémi', 'Jérémie', 'Honoré', 'Anatole',
  'Mohamed', 'Ahmed', 'Karim', 'Mehdi', 'Youssef', 'Rachid', 'Saïd', 'Abdelkader', 'Hicham', 'Bilal',
  'Mamadou', 'Moussa', 'Ibrahima', 'Oumar', 'Boubacar', 'Seydou', 'Cheikh', 'Amadou', 'Souleymane', 'Ousmane',
  'Ionuț', 'Andrei', 'Mihai', 'Piotr', 'Tomasz', 'João', 'José', 'Mehmet', 'Mustafa', 'Minh',
];

export const nicknames = ['Jojo', 'Dédé', 'Le Grand', 'Mimi', 'Bébert', 'Titi', 'Momo', 'Nono', 'Loulou', 'Kiki'];

export const towns = [
  'Paris', 'Marseille', 'Lyon', 'Toulouse', 'Nice', 'Nantes', 'Montpellier', 'Strasbourg', 'Bordeaux', 'Lille',
  'Rennes', 'Reims', 'Saint-Étienne', 'Le Havre', 'Toulon', 'Grenoble', 'Dijon', 'Angers', 'Nîmes', 'Villeurbanne',
  'Clermont-Ferrand', 'Le Mans', 'Aix-en-Provence', 'Brest', 'Tours', 'Amiens', 'Limoges', 'Annecy', 'Perpignan', 'Besançon',
  'Orléans', 'Metz', 'Rouen', 'Mulhouse', 'Caen', 'Nancy', 'Saint-Denis', 'Argenteuil', 'Montreuil', 'Roubaix',
  'Béziers', 'Évry', 'Valence', 'Sète', 'Châlons-en-Champagne', 'Épinal', 'Mâcon', 'Mérignac', 'Pessac', 'Fréjus',
  'Alger', 'Oran', 'Casablanca', 'Tunis', 'Dakar', 'Bamako', 'Conakry', 'Abidjan', 'Bucarest', 'Kaboul',
];

export const nationalities = ['algérienne', 'marocaine', 'tunisienne', 'sénégalaise', 'malienne', 'guinéenne', 'ivoirienne', 'roumaine', 'afghane', 'portugaise'];

export const courrierComments = [
  'Lettre de la CAF', 'Courrier de la CPAM', 'Convocation France Travail', 'Courrier de la préfecture',
  'Avis des impôts', 'Lettre recommandée', 'Courrier de la banque', 'Relevé de la mutuelle',
];

export const structureKinds: { type: 'ccas' | 'cias' | 'association'; prefix: string }[] = [
  { type: 'ccas', prefix: 'CCAS de' },
  { type: 'cias', prefix: 'CIAS du Pays de' },
  { type: 'association', prefix: 'Association Accueil Solidarité de' },
];
