import type { PersonDocumentProblem } from '../../../domain/person-documents/person-documents.service.ts';

/** The staff words for a person's documents (decision 0027), kept beside `staff.words.ts`, which calls them. */

const codes = new Set<string>([
  'document_manquant', 'document_vide', 'document_trop_lourd', 'document_format_refuse', 'document_illisible',
  'document_titre_manquant', 'document_titre_trop_long', 'document_titre_caracteres', 'document_autre_cle',
] satisfies PersonDocumentProblem['code'][]);

export const isPersonDocumentProblem = (problem: { code: string }): problem is PersonDocumentProblem => codes.has(problem.code);

const formats = { pdf: 'PDF', png: 'PNG', jpeg: 'JPEG' } as const;

export function personDocumentWords(problem: PersonDocumentProblem): string {
  switch (problem.code) {
    case 'document_manquant':
      return 'Choisissez le fichier du document : un PDF, une image JPEG ou PNG.';
    case 'document_vide':
      return 'Ce fichier est vide. Choisissez le bon fichier, puis recommencez.';
    case 'document_trop_lourd':
      return `Ce fichier est trop lourd : un document doit peser ${problem.maxBytes / 1024 / 1024} Mo au plus. Enregistrez-le en plus petit (une photo moins grande, un PDF compressé), puis recommencez.`;
    case 'document_format_refuse':
      return problem.found === 'gif'
        ? 'Ce fichier est une image GIF : un document doit être un PDF, une image JPEG ou PNG. Enregistrez-le dans un de ces formats, puis recommencez.'
        : "Ce fichier n'est pas un PDF, une image JPEG ou PNG (son nom ne suffit pas : c'est son contenu qui compte). Choisissez un fichier d'un de ces formats.";
    case 'document_illisible':
      return `Ce fichier ${formats[problem.type]} est incomplet ou abîmé. Enregistrez-le à nouveau depuis votre logiciel ou votre scanner, puis recommencez.`;
    case 'document_titre_manquant':
      return 'Indiquez le titre du document, par exemple « Carte d’identité ».';
    case 'document_titre_trop_long':
      return `Le titre doit faire ${problem.max} caractères au plus.`;
    case 'document_titre_caracteres':
      return 'Le titre contient un caractère invisible ou illisible (un caractère de contrôle, un retour à la ligne) : tapez-le à nouveau.';
    case 'document_autre_cle':
      return "Ce document ne s'ouvre pas : il a été chiffré avec une autre clé que celle de ce serveur (une sauvegarde restaurée sans sa clé). Demandez à la personne qui administre le serveur de remettre la clé d'origine (SECRET_KEY).";
  }
}
