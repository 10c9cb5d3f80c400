import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDict, PDFDocument, type PDFFont, type PDFForm, PDFName, type PDFPage } from 'pdf-lib';
import { formatDate, type IsoDate } from '../../shared/dates.ts';
import { ATTESTATION_FORM_FILE, attestationFields as fields, type Box, DEFAULT_FONT_SIZE, nomsLine, requestKindLine, sexeChoice } from './attestation-layout.ts';
import { fitParagraphs, type FittedLines, singleLineSize } from './text-fitting.ts';

export type AttestationData = {
  person: { sexe: 'femme' | 'homme' | 'autre' | null; nom: string; prenom: string; birthDate: IsoDate; birthPlace: string | null };
  ayantsDroit: { nom: string; prenom: string; birthDate: IsoDate | null }[];
  structure: {
    name: string;
    type: 'ccas' | 'cias' | 'association';
    communeArrondissement: string | null;
    responsable: { nom: string; prenom: string; fonction: string };
    agrement: { prefecture: string; numero: string } | null;
    /** Postal address lines of the structure (the postal address if it has one, else street, postcode city). */
    addressLines: string[];
    email: string | null;
    phone: string | null;
    city: string;
  };
  decision: { start: IsoDate; end: IsoDate; decidedOn: IsoDate; firstDomiciliation: IsoDate; renewal: boolean };
};

/** Words printed on the form where it has no field of its own; the form is in French. */
const requestKindWords = { first: '(première demande)', renewal: '(renouvellement)' } as const;

/** Below this, one ayant droit a line is too small to read: they then share lines. */
const SMALLEST_LINE_SIZE = 6;
/** Eight ayants droit (what the record holds) with long names stay above this. */
const SMALLEST_SHARED_SIZE = 4;

// Read once per process: the blank form and the font never change while the application runs.
const require = createRequire(import.meta.url);
let resources: Promise<{ form: Uint8Array; font: Uint8Array }> | undefined;
function loadResources() {
  resources ??= Promise.all([
    readFile(new URL(`../../../assets/forms/${ATTESTATION_FORM_FILE}`, import.meta.url)),
    // DejaVu covers every Latin letter (« Ł » too), which the PDF standard fonts do not.
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf')),
  ]).then(([form, font]) => ({ form, font }));
  return resources;
}

const dateParts = (date: IsoDate) => {
  const [year, month, day] = date.split('-') as [string, string, string];
  return { day, month, year };
};

/** Sets a text field at one size, for the field itself and its widget (the form gives each its own). */
function setText(form: PDFForm, name: string, text: string, size: number) {
  const field = form.getTextField(name);
  field.setMaxLength(undefined);
  field.setText(text);
  field.setFontSize(size);
  for (const widget of field.acroField.getWidgets()) widget.setDefaultAppearance(`/Helv ${size} Tf 0 g`);
}

function widthOf(form: PDFForm, name: string) {
  return form.getTextField(name).acroField.getWidgets()[0]!.getRectangle();
}

/** One line of text, shrunk to its field's width when it is too long. */
function fillLine(form: PDFForm, font: PDFFont, name: string, text: string) {
  setText(form, name, text, singleLineSize(font, text, widthOf(form, name).width, DEFAULT_FONT_SIZE));
}

function fillDate(form: PDFForm, names: [string, string, string], date: IsoDate) {
  const { day, month, year } = dateParts(date);
  names.forEach((name, index) => setText(form, name, [day, month, year][index]!, DEFAULT_FONT_SIZE));
}

/** Text where the form prints a line without a field: over the page, at the line's place, like a field would. */
function drawOnLine(page: PDFPage, font: PDFFont, box: Box, text: string) {
  const size = singleLineSize(font, text, box.width, DEFAULT_FONT_SIZE);
  const y = box.y + box.height / 2 - font.heightAtSize(size, { descender: false }) / 2;
  page.drawText(text, { x: box.x + 1, y, size, font });
}

function fillLines(form: PDFForm, name: string, fitted: FittedLines) {
  setText(form, name, fitted.lines.join('\n'), fitted.size);
}

/**
 * One ayant droit a line while the text stays readable; beyond what the box holds that way, they
 * follow each other on shared lines, separated by semicolons: the form has no other place.
 */
function ayantsDroitLines(font: PDFFont, box: Box, ayantsDroit: AttestationData['ayantsDroit']): FittedLines {
  const entries = ayantsDroit.map((ayant) => [`${ayant.nom} ${ayant.prenom}`, ayant.birthDate ? formatDate(ayant.birthDate) : ''].filter(Boolean).join(', '));
  const fitted =
    fitParagraphs(font, entries, box, DEFAULT_FONT_SIZE, SMALLEST_LINE_SIZE) ??
    fitParagraphs(font, [entries.join(' ; ')], box, DEFAULT_FONT_SIZE, SMALLEST_SHARED_SIZE);
  // Cutting a family out of the attestation silently would be worse than no attestation.
  if (!fitted) throw new Error('attestation: ayants_droit_trop_longs');
  return fitted;
}

function postalAddressLines(font: PDFFont, box: Box, data: AttestationData): FittedLines {
  const paragraphs = [`${data.person.prenom} ${data.person.nom}`, `chez ${data.structure.name}`, ...data.structure.addressLines];
  const fitted = fitParagraphs(font, paragraphs, box, DEFAULT_FONT_SIZE, SMALLEST_SHARED_SIZE);
  if (!fitted) throw new Error('attestation: adresse_trop_longue');
  return fitted;
}

/**
 * Flattening leaves widgets on the page that no field owns (the radio's boxes, the form's stray
 * `noms1`) and an empty form dictionary: removed, so that no reader shows anything fillable and
 * no annotation points to an object that is gone.
 */
function removeLeftoverWidgets(document: PDFDocument, page: PDFPage) {
  const annotations = page.node.Annots();
  if (annotations) {
    const kept = annotations.asArray().filter((ref) => {
      const annotation = document.context.lookup(ref);
      return annotation instanceof PDFDict && annotation.get(PDFName.of('Subtype')) !== PDFName.of('Widget');
    });
    if (kept.length > 0) page.node.set(PDFName.of('Annots'), document.context.obj(kept) as PDFArray);
    else page.node.delete(PDFName.of('Annots'));
  }
  document.catalog.delete(PDFName.of('AcroForm'));
}

/**
 * The official attestation d'élection de domicile (CERFA n° 16030*01) filled for one valide
 * decision: the form's own page, its fields set in an embedded font and flattened into the page,
 * the lines the form lacks a field for written at their place (decision 0029).
 */
export async function fillAttestation(data: AttestationData): Promise<Uint8Array> {
  const { form: blank, font: fontBytes } = await loadResources();
  // pdf-lib yields to the event loop every few dozen objects by default, which adds more waiting
  // than it saves on a form this size: it is parsed and written in one go (decision 0029).
  const document = await PDFDocument.load(blank, { parseSpeed: Infinity, updateMetadata: false });
  document.registerFontkit(fontkit);
  const font = await document.embedFont(fontBytes, { subset: true });
  const form = document.getForm();
  const page = document.getPage(0);
  const { person, structure, decision } = data;

  const sexe = person.sexe === 'femme' || person.sexe === 'homme' ? sexeChoice[person.sexe] : null;
  if (sexe) form.getRadioGroup(fields.sexe).select(sexe);
  drawOnLine(page, font, nomsLine, person.nom);
  fillLine(form, font, fields.prenoms, person.prenom);
  fillDate(form, [fields.birthDay, fields.birthMonth, fields.birthYear], person.birthDate);
  fillLine(form, font, fields.birthPlace, person.birthPlace ?? '');
  fillLines(form, fields.ayantsDroit, ayantsDroitLines(font, widthOf(form, fields.ayantsDroit), data.ayantsDroit));

  fillLine(form, font, fields.structureName, structure.name);
  fillLine(form, font, fields.communeArrondissement, structure.type === 'association' ? '' : (structure.communeArrondissement ?? ''));
  const { responsable } = structure;
  fillLine(form, font, fields.responsable, `${responsable.prenom} ${responsable.nom}, ${responsable.fonction}`);
  const agrement = structure.type === 'association' ? structure.agrement : null;
  fillLine(form, font, fields.prefecture, agrement?.prefecture ?? '');
  fillLine(form, font, fields.agrement, agrement?.numero ?? '');
  fillLine(form, font, fields.structureAddress, structure.addressLines.join(', '));
  fillLine(form, font, fields.structureEmail, structure.email ?? '');
  fillLine(form, font, fields.structurePhone, structure.phone ?? '');

  fillLine(form, font, fields.postalNoms, person.nom);
  fillLine(form, font, fields.postalPrenoms, person.prenom);
  fillLines(form, fields.postalAddress, postalAddressLines(font, widthOf(form, fields.postalAddress), data));

  fillDate(form, [fields.startDay, fields.startMonth, fields.startYear], decision.start);
  fillDate(form, [fields.endDay, fields.endMonth, fields.endYear], decision.end);
  drawOnLine(page, font, requestKindLine, decision.renewal ? requestKindWords.renewal : requestKindWords.first);
  fillDate(form, [fields.firstDay, fields.firstMonth, fields.firstYear], decision.firstDomiciliation);
  fillLine(form, font, fields.madeAt, structure.city);
  fillDate(form, [fields.decisionDay, fields.decisionMonth, fields.decisionYear], decision.decidedOn);

  // Every field is set above, so each gets its appearance in the embedded font before flattening.
  form.updateFieldAppearances(font);
  form.flatten({ updateFieldAppearances: false });
  removeLeftoverWidgets(document, page);
  return document.save({ objectsPerTick: Infinity });
}
