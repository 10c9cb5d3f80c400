import type { IsoDate } from '../../shared/dates.ts';
import { cellText, codeKey, oneLine, readDate, type Cell, type DateKind } from './cell-values.ts';
import type { ColumnPlace, HeaderMap } from './import-headers.ts';
import type { CellProblem, ImportProblem } from './import-problems.ts';
import type { TemplateColumnKey } from './template.ts';
import { forbiddenCharacters } from '../../shared/characters.ts';

const EMPTY: Cell = { kind: 'empty' };

/**
 * Reads one row's cells by the template's column keys and gathers its problems, one a cell
 * at most (the first found says what to fix first).
 */
export class RowReader {
  readonly problems: CellProblem[] = [];
  private readonly faulty = new Set<TemplateColumnKey>();

  constructor(
    readonly line: number,
    private readonly cells: readonly Cell[],
    private readonly places: ReadonlyMap<TemplateColumnKey, ColumnPlace>,
    readonly today: IsoDate,
    private readonly date1904: boolean,
  ) {}

  static placesOf(map: HeaderMap): ReadonlyMap<TemplateColumnKey, ColumnPlace> {
    return new Map(map.map((place) => [place.key, place]));
  }

  cell(key: TemplateColumnKey): Cell {
    const index = this.places.get(key)!.index;
    return index === null ? EMPTY : (this.cells[index] ?? EMPTY);
  }

  report(key: TemplateColumnKey, problem: ImportProblem): void {
    if (this.faulty.has(key)) return;
    this.faulty.add(key);
    const place = this.places.get(key)!;
    this.problems.push({ line: this.line, column: place.letters, header: place.header, value: cellText(this.cell(key)), problem });
  }

  isFaulty(key: TemplateColumnKey): boolean {
    return this.faulty.has(key);
  }

  /** The cell, unless it holds a formula without its result or an error, which are reported. */
  private usable(key: TemplateColumnKey): Cell {
    const cell = this.cell(key);
    if (cell.kind === 'formula_without_result') this.report(key, { code: 'import_formule_sans_resultat' });
    else if (cell.kind === 'error') this.report(key, { code: 'import_erreur_de_formule' });
    else return cell;
    return EMPTY;
  }

  isEmpty(key: TemplateColumnKey): boolean {
    return this.cell(key).kind === 'empty';
  }

  /** A text on one line; null when empty. `multiline` keeps the line breaks (the comments). */
  text(key: TemplateColumnKey, rule: { max: number; required?: boolean; multiline?: boolean }): string | null {
    const cell = this.usable(key);
    const value = rule.multiline ? cellText(cell).trim() : oneLine(cell);
    if (!value) {
      if (rule.required && !this.isFaulty(key)) this.report(key, { code: 'import_valeur_manquante' });
      return null;
    }
    if (forbiddenCharacters.test(value)) {
      this.report(key, { code: 'import_caractere_interdit' });
      return null;
    }
    if (value.length > rule.max) {
      this.report(key, { code: 'import_trop_long', max: rule.max });
      return null;
    }
    return value;
  }

  date(key: TemplateColumnKey, kind: DateKind, required = false): IsoDate | null {
    const cell = this.usable(key);
    const day = readDate(cell, kind, this.today, this.date1904);
    if (day === undefined) this.report(key, { code: 'import_date_invalide' });
    else if (day === null && required && !this.isFaulty(key)) this.report(key, { code: 'import_valeur_manquante' });
    return day ?? null;
  }

  /**
   * A code of the column's list, in any case and with accents; `aliases` are the other ways
   * people write a code (« REFUSE » for REFUS). Null when empty.
   */
  code<V>(key: TemplateColumnKey, codes: { codes: readonly string[]; fromCode: ReadonlyMap<string, V> }, rule: { required?: boolean; aliases?: Readonly<Record<string, string>> } = {}): V | null {
    const cell = this.usable(key);
    if (cell.kind === 'boolean' && codes.fromCode.has('OUI')) return codes.fromCode.get(cell.value ? 'OUI' : 'NON')!;
    const typed = codeKey(oneLine(cell));
    if (!typed) {
      if (rule.required && !this.isFaulty(key)) this.report(key, { code: 'import_valeur_manquante' });
      return null;
    }
    const code = rule.aliases?.[typed] ?? typed;
    if (!codes.fromCode.has(code)) {
      this.report(key, { code: 'import_code_inconnu', codes: codes.codes });
      return null;
    }
    return codes.fromCode.get(code)!;
  }
}
