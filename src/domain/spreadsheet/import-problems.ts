import { AppError } from '../../shared/errors.ts';

/** The largest file the import reads; the upload route refuses heavier ones before reading them. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Rows of people a file may hold: twice the largest files seen in the field (20,000). */
export const MAX_IMPORT_ROWS = 50_000;
/**
 * What a workbook may weigh once decompressed, all parts together: a 20,000-row workbook
 * inflates to about 40 MB. Beyond it the file is a zip bomb, or not a structure's file.
 */
export const MAX_INFLATED_BYTES = 200 * 1024 * 1024;
/** The shared strings are held in memory while the sheet is read (the app runs with a 192 MB heap). */
export const MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024;
/** The parts the reader parses whole (workbook, relationships) are small in every real file. */
export const MAX_SMALL_PART_BYTES = 4 * 1024 * 1024;

/**
 * What is wrong with one cell, or with one row as a whole (then the problem sits on the cell
 * that says it best, the status or the date it compares). The staff dictionary words it
 * (decision 0027); `codes` are the accepted codes of the column, for the words to list them.
 */
export type ImportProblem =
  | { code: 'import_valeur_manquante' }
  | { code: 'import_date_invalide' }
  | { code: 'import_date_future' }
  | { code: 'import_naissance_apres_debut' }
  | { code: 'import_date_avant_naissance' }
  | { code: 'import_fin_avant_debut' }
  | { code: 'import_premiere_apres_debut' }
  | { code: 'import_date_manquante'; statut: 'VALIDE' | 'RADIE' | 'REFUS' }
  | { code: 'import_code_inconnu'; codes: readonly string[] }
  | { code: 'import_trop_long'; max: number }
  | { code: 'import_caractere_interdit' }
  | { code: 'import_email_invalide' }
  | { code: 'import_telephone_invalide' }
  | { code: 'import_formule_sans_resultat' }
  | { code: 'import_erreur_de_formule' };

/** One problem of one cell, where a person finds it: « ligne 14, colonne F (Date de naissance) ». */
export type CellProblem = {
  /** The row's number in the sheet (the header is line 1), or the record's number in a CSV file. */
  line: number;
  /** The column's letters: 'F', 'AK'. */
  column: string;
  /** The column's header, as the file writes it (on one line), else the template's. */
  header: string;
  /** What the cell held, as text: a date cell as jj/mm/aaaa, a number as written. */
  value: string;
  problem: ImportProblem;
};
/** The brief's other name for it. */
export type RowProblem = CellProblem;

/** Why a whole file is refused: nothing of it is read further. */
export type ImportFileProblem =
  | { code: 'import_fichier_trop_lourd'; maxBytes: number }
  | { code: 'import_fichier_vide' }
  | { code: 'import_pas_un_tableur' }
  | { code: 'import_ancien_format_excel' }
  | { code: 'import_classeur_protege' }
  | { code: 'import_fichier_illisible' }
  | { code: 'import_classeur_trop_gros'; maxBytes: number }
  | { code: 'import_pas_le_modele'; recognized: number; expected: number }
  | { code: 'import_trop_de_lignes'; max: number };

/** Refuses the whole file; the route words `problem` with the staff dictionary. */
export const refuseFile = (problem: ImportFileProblem) => new AppError<ImportFileProblem>('INVALID_INPUT', problem);

export function isFileRefusal(error: unknown): error is AppError<ImportFileProblem> {
  return error instanceof AppError && error.problem !== undefined && error.problem.code.startsWith('import_');
}
