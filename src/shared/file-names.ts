/**
 * A person's name as part of a file name: lower-case ASCII letters, digits and dashes, so that
 * every system and every printer menu shows it the same way (« Lefèvre-N'Diaye » → lefevre-n-diaye).
 */
export function fileNamePart(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `<document>-<nom>-<prenom>-<suffix>.<extension>`; a name with no Latin letter reads « domicilie ». */
export function personFileName(document: string, person: { nom: string; prenom: string }, suffix: string, extension: string): string {
  const parts = [fileNamePart(person.nom), fileNamePart(person.prenom)].filter(Boolean);
  return `${document}-${parts.length ? parts.join('-') : 'domicilie'}-${suffix}.${extension}`;
}
