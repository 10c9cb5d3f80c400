import type { Structure } from '../structures/structures.service.ts';

/** The structure as the official forms print it. */
export type FormStructure = {
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

/** Only for a structure that `missingForOfficialForms` finds complete: what it checks is read here as present. */
export function formStructure(structure: Structure): FormStructure {
  return {
    name: structure.name,
    type: structure.type,
    communeArrondissement: structure.commune_arrondissement,
    responsable: { nom: structure.responsable_nom!, prenom: structure.responsable_prenom!, fonction: structure.responsable_fonction! },
    agrement: structure.type === 'association' ? { prefecture: structure.agrement_prefecture!, numero: structure.agrement_numero! } : null,
    addressLines: structure.postal_address ? structure.postal_address.split('\n').map((line) => line.trim()).filter(Boolean) : [structure.street, `${structure.postcode} ${structure.city}`],
    email: structure.email,
    phone: structure.phone,
    city: structure.city,
  };
}
