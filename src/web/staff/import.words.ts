import type { CellProblem, ImportFileProblem, ImportProblem } from '../../domain/spreadsheet/import-problems.ts';

/**
 * The staff words for the import (decision 0027), kept beside `staff.words.ts`, which words a
 * refused file through `importFileWords`: « ligne 14, colonne F (Date de naissance) :
 * « 31/02/1980 » n'est pas une date ».
 */

const number = new Intl.NumberFormat('fr-FR');
const megabytes = (bytes: number) => `${number.format(Math.round(bytes / (1024 * 1024)))} Mo`;

/** A cell's value quoted, cut when long: a report line stays readable. */
function quoted(value: string): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return `« ${line.length > 60 ? `${line.slice(0, 59)}…` : line} »`;
}

const missingDate = { VALIDE: 'la date de début manque pour une domiciliation VALIDE', RADIE: 'la date de radiation manque pour une personne RADIE', REFUS: 'la date du refus manque pour une personne REFUS' } as const;

/** What is wrong with the cell, after « colonne F (Date de naissance) : ». */
export function importProblemWords(problem: ImportProblem, value: string): string {
  const cell = quoted(value);
  switch (problem.code) {
    case 'import_valeur_manquante':
      return 'cette information est obligatoire';
    case 'import_date_invalide':
      return `${cell} n'est pas une date`;
    case 'import_date_future':
      return `${cell} est une date à venir`;
    case 'import_naissance_apres_debut':
      return `${cell} est après la date de début de la domiciliation`;
    case 'import_date_avant_naissance':
      return `${cell} est avant la date de naissance`;
    case 'import_fin_avant_debut':
      return `${cell} est avant la date de début de la domiciliation`;
    case 'import_premiere_apres_debut':
      return `${cell} est après la date de début de la domiciliation actuelle`;
    case 'import_date_manquante':
      return missingDate[problem.statut];
    case 'import_code_inconnu':
      return `${cell} n'est pas dans la liste (${problem.codes.join(', ')})`;
    case 'import_caractere_interdit':
      return 'le texte contient un caractère invisible ou de contrôle, venu d\'un autre logiciel : retapez-le';
    case 'import_trop_long':
      return `le texte dépasse ${number.format(problem.max)} caractères`;
    case 'import_email_invalide':
      return `${cell} n'est pas une adresse e-mail`;
    case 'import_telephone_invalide':
      return `${cell} n'est pas un numéro de téléphone`;
    case 'import_formule_sans_resultat':
      return `la formule ${cell} n'a pas de résultat enregistré : ouvrez le fichier dans votre tableur et enregistrez-le à nouveau`;
    case 'import_erreur_de_formule':
      return `la cellule contient une erreur (${cell})`;
  }
}

/** « ligne 14, colonne F (Date de naissance) : « 31/02/1980 » n'est pas une date ». */
export function cellProblemWords(problem: CellProblem): string {
  return `ligne ${problem.line}, colonne ${problem.column} (${problem.header}) : ${importProblemWords(problem.problem, problem.value)}`;
}

const fileProblemCodes: Record<ImportFileProblem['code'], true> = {
  import_fichier_trop_lourd: true,
  import_fichier_vide: true,
  import_pas_un_tableur: true,
  import_ancien_format_excel: true,
  import_classeur_protege: true,
  import_fichier_illisible: true,
  import_classeur_trop_gros: true,
  import_pas_le_modele: true,
  import_trop_de_lignes: true,
};

/** Lets `wordsFor` hand a refused file to `importFileWords`, its switch staying exhaustive over the rest. */
export function isImportFileProblem(problem: { code: string }): problem is ImportFileProblem {
  return Object.hasOwn(fileProblemCodes, problem.code);
}

/** Why a whole file is refused. */
export function importFileWords(problem: ImportFileProblem): string {
  switch (problem.code) {
    case 'import_fichier_trop_lourd':
      return `Le fichier dépasse ${megabytes(problem.maxBytes)} : découpez-le en plusieurs fichiers.`;
    case 'import_fichier_vide':
      return "Le fichier ne contient aucune personne : la première ligne porte les en-têtes, les suivantes une personne chacune.";
    case 'import_pas_un_tableur':
      return "Ce fichier n'est ni un classeur Excel (.xlsx) ni un fichier CSV : enregistrez-le dans l'un de ces formats.";
    case 'import_ancien_format_excel':
      return "Ce classeur est à l'ancien format d'Excel (.xls) : enregistrez-le au format .xlsx, puis importez-le.";
    case 'import_classeur_protege':
      return "Ce classeur est protégé par un mot de passe : enregistrez-en une copie sans mot de passe, puis importez-la.";
    case 'import_fichier_illisible':
      return 'Ce fichier est endommagé : il ne peut pas être lu. Enregistrez-le à nouveau depuis votre tableur.';
    case 'import_classeur_trop_gros':
      return `Ce classeur est trop volumineux une fois décompressé (plus de ${megabytes(problem.maxBytes)}) : ce n'est pas le modèle attendu.`;
    case 'import_pas_le_modele':
      return `Ce fichier n'est pas le modèle attendu : ${problem.recognized} colonnes sur ${problem.expected} ont été reconnues. Téléchargez le modèle vierge et reprenez-en les en-têtes.`;
    case 'import_trop_de_lignes':
      return `Le fichier contient plus de ${number.format(problem.max)} personnes : découpez-le en plusieurs fichiers.`;
  }
}
