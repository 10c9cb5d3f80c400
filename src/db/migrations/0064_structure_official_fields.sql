-- What the official forms (CERFA attestation and demande) print about the structure (issue 16):
-- who signs, the préfecture's agrément of an association, the commune or arrondissement of a
-- CCAS/CIAS in a city divided in arrondissements, and a postal address when mail goes elsewhere
-- than the office. All optional: a structure fills them in « Ma structure » when it needs the forms.
ALTER TABLE structures
  ADD COLUMN responsable_nom text,
  ADD COLUMN responsable_prenom text,
  ADD COLUMN responsable_fonction text,
  ADD COLUMN agrement_prefecture text,
  ADD COLUMN agrement_numero text,
  ADD COLUMN agrement_fin date,
  ADD COLUMN commune_arrondissement text,
  ADD COLUMN postal_address text,
  -- Only an association holds a préfecture's agrément; a CCAS or CIAS acts by law.
  ADD CONSTRAINT structures_agrement_association CHECK (
    type = 'association' OR (agrement_prefecture IS NULL AND agrement_numero IS NULL AND agrement_fin IS NULL)
  ),
  ADD CONSTRAINT structures_commune_ccas_cias CHECK (type IN ('ccas', 'cias') OR commune_arrondissement IS NULL);
