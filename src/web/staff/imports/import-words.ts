import type { CellProblem } from '../../../domain/imports/imports.service.ts';
import { wordsFor, type StaffProblem } from '../staff.words.ts';

/** « ligne 14, colonne F (Date de naissance) : « 31/02/1980 » n'est pas une date ». */
export function cellProblemWords(problem: CellProblem): string {
  return `ligne ${problem.line}, colonne ${problem.column} (${problem.header}) : ${wordsFor(problem.problem as StaffProblem)}`;
}
