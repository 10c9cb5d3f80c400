-- The entretien social of a domicilié (issue 16): the categories the yearly questionnaire counts,
-- stored with the codes of the official spreadsheet template (COUPLE_AVEC_ENFANT …, OUI/NON as
-- booleans) so that the import, the export and the yearly report read them unchanged.
-- One row per domicilié, written the first time staff fill it in: no row, like a NULL answer,
-- means « non renseigné ». A table of its own rather than columns on `domicilies`: the list and
-- the search read that table and must not carry the entretien.
-- « Précisez » texts exist only with the answer AUTRE, « par qui » / « de quelle nature » only
-- with OUI: the service drops them otherwise, and these checks keep any other writer honest.
CREATE TABLE entretiens (
  domicilie_id uuid PRIMARY KEY REFERENCES domicilies (id) ON DELETE CASCADE,
  structure_id uuid NOT NULL REFERENCES structures (id),
  composition_menage text CHECK (composition_menage IN (
    'COUPLE_AVEC_ENFANT', 'COUPLE_SANS_ENFANT', 'FEMME_ISOLE_AVEC_ENFANT', 'FEMME_ISOLE_SANS_ENFANT',
    'HOMME_ISOLE_AVEC_ENFANT', 'HOMME_ISOLE_SANS_ENFANT')),
  lien_commune text CHECK (lien_commune IN ('RESIDENTIEL', 'PARENTAL', 'FAMILIAL', 'PROFESSIONNEL', 'SOCIAL', 'AUTRE')),
  lien_commune_autre text CHECK (char_length(lien_commune_autre) <= 200),
  situation_residentielle text CHECK (situation_residentielle IN (
    'DOMICILE_MOBILE', 'HEBERGEMENT_SOCIAL', 'HEBERGEMENT_TIERS', 'HOTEL', 'LOGEMENT_SANS_ADRESSE', 'SANS_ABRI', 'AUTRE')),
  situation_residentielle_autre text CHECK (char_length(situation_residentielle_autre) <= 200),
  cause_instabilite text CHECK (cause_instabilite IN (
    'ERRANCE', 'EXPULSION', 'HEBERGE_SANS_ADRESSE', 'ITINERANT', 'RUPTURE', 'SORTIE_STRUCTURE',
    'SORTIE_HOSPITALISATION', 'SORTIE_INCARCERATION', 'VIOLENCE', 'AUTRE')),
  cause_instabilite_autre text CHECK (char_length(cause_instabilite_autre) <= 200),
  motif_demande text CHECK (motif_demande IN ('EXERCICE_DROITS', 'PRESTATIONS_SOCIALES', 'EXERCICE_ACTIVITE_PRO', 'LUTTE_VIOLENCE', 'AUTRE')),
  motif_demande_autre text CHECK (char_length(motif_demande_autre) <= 200),
  accompagnement boolean,
  accompagnement_par text CHECK (char_length(accompagnement_par) <= 200),
  situation_pro text CHECK (situation_pro IN ('ETUDIANT', 'SALARIE', 'INDEPENDANT', 'FRANCE_TRAVAIL', 'RSA', 'AAH', 'RETRAITE', 'AUTRE')),
  situation_pro_autre text CHECK (char_length(situation_pro_autre) <= 200),
  revenus boolean,
  revenus_nature text CHECK (char_length(revenus_nature) <= 200),
  orientation boolean,
  orientation_par text CHECK (char_length(orientation_par) <= 200),
  domiciliation_existante boolean,
  commentaires text CHECK (char_length(commentaires) <= 1000),
  updated_by uuid REFERENCES staff_users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (lien_commune_autre IS NULL OR lien_commune = 'AUTRE'),
  CHECK (situation_residentielle_autre IS NULL OR situation_residentielle = 'AUTRE'),
  CHECK (cause_instabilite_autre IS NULL OR cause_instabilite = 'AUTRE'),
  CHECK (motif_demande_autre IS NULL OR motif_demande = 'AUTRE'),
  CHECK (situation_pro_autre IS NULL OR situation_pro = 'AUTRE'),
  CHECK (accompagnement_par IS NULL OR accompagnement),
  CHECK (revenus_nature IS NULL OR revenus),
  CHECK (orientation_par IS NULL OR orientation)
);
-- The yearly report and the export read a structure's entretiens together.
CREATE INDEX entretiens_structure_idx ON entretiens (structure_id);
