import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInput } from '../../shared/errors.ts';
import { checkOfficialFields, missingForOfficialForms, officialFieldNames, type OfficialFields, type OfficialFieldsInput } from './official-fields.ts';
import type { StructureType } from '../../db/schema.ts';

const empty = Object.fromEntries(officialFieldNames.map((name) => [name, null])) as OfficialFields;
const responsable = { responsable_nom: 'Garnier', responsable_prenom: 'Claire', responsable_fonction: 'Directrice' };

function problems(type: StructureType, input: OfficialFieldsInput) {
  try {
    checkOfficialFields(type, input);
  } catch (error) {
    if (error instanceof InvalidInput) return error.fields;
    throw error;
  }
  assert.fail('the input should have been refused');
}

describe('missingForOfficialForms', () => {
  test('a CCAS or CIAS needs its responsable only, each field named by its control id', () => {
    for (const type of ['ccas', 'cias'] as const) {
      assert.deepEqual(missingForOfficialForms({ ...empty, type }), [{ id: 'responsable_nom' }, { id: 'responsable_prenom' }, { id: 'responsable_fonction' }]);
      assert.deepEqual(missingForOfficialForms({ ...empty, ...responsable, type }), []);
    }
  });

  test('an association also needs the préfecture and number of its agrément, not its end date', () => {
    assert.deepEqual(missingForOfficialForms({ ...empty, ...responsable, type: 'association' }), [{ id: 'agrement_prefecture' }, { id: 'agrement_numero' }]);
    assert.deepEqual(missingForOfficialForms({ ...empty, ...responsable, agrement_prefecture: 'Préfecture du Rhône', agrement_numero: '69-2024-017', type: 'association' }), []);
  });

  test('a value of spaces is missing; the optional fields are never asked for', () => {
    const missing = missingForOfficialForms({ ...empty, ...responsable, responsable_fonction: '  ', type: 'ccas' });
    assert.deepEqual(missing, [{ id: 'responsable_fonction' }]);
  });
});

describe('checkOfficialFields', () => {
  test('trims, empties blank fields and reads the end of the agrément as a French date', () => {
    const fields = checkOfficialFields('association', {
      responsable_nom: '  Fontaine ',
      agrement_prefecture: 'Préfecture du Rhône',
      agrement_numero: '69-2024-017',
      agrement_fin: '30/06/2027',
      postal_address: ' Association Abri \r\n\r\n BP 4012\n69341 Lyon Cedex 07 \n',
      responsable_prenom: '   ',
    });
    assert.deepEqual(fields, {
      ...empty,
      responsable_nom: 'Fontaine',
      agrement_prefecture: 'Préfecture du Rhône',
      agrement_numero: '69-2024-017',
      agrement_fin: '2027-06-30',
      postal_address: 'Association Abri\nBP 4012\n69341 Lyon Cedex 07',
    });
  });

  test('refuses a date that is not a real day', () => {
    for (const typed of ['31/02/2027', '30/06/27', 'fin juin']) {
      assert.deepEqual(problems('association', { agrement_fin: typed }), { agrement_fin: { code: 'fin_agrement_invalide' } }, typed);
    }
  });

  test('refuses texts longer than the forms take and an address of more than six lines', () => {
    assert.deepEqual(problems('ccas', { responsable_nom: 'N'.repeat(101), postal_address: 'L'.repeat(301), commune_arrondissement: 'Lyon' }), {
      responsable_nom: { code: 'champ_structure_trop_long', field: 'responsable_nom', max: 100 },
      postal_address: { code: 'champ_structure_trop_long', field: 'postal_address', max: 300 },
    });
    assert.equal(checkOfficialFields('ccas', { responsable_nom: 'N'.repeat(100) }).responsable_nom, 'N'.repeat(100));
    assert.deepEqual(problems('ccas', { postal_address: '1\n2\n3\n4\n5\n6\n7' }), { postal_address: { code: 'adresse_postale_trop_de_lignes', max: 6 } });
    assert.equal(checkOfficialFields('ccas', { postal_address: '1\n2\n3\n4\n5\n6' }).postal_address, '1\n2\n3\n4\n5\n6');
  });

  test('an agrément only for an association, a commune or arrondissement only for a CCAS or CIAS', () => {
    assert.deepEqual(problems('ccas', { agrement_numero: '69-2024-017' }), { agrement_numero: { code: 'agrement_reserve_aux_associations' } });
    assert.deepEqual(problems('cias', { agrement_fin: '30/06/2027' }), { agrement_fin: { code: 'agrement_reserve_aux_associations' } });
    assert.deepEqual(problems('association', { commune_arrondissement: 'Lyon 7e' }), { commune_arrondissement: { code: 'commune_reservee_aux_ccas_cias' } });
    assert.equal(checkOfficialFields('cias', { commune_arrondissement: 'Lyon 7e arrondissement' }).commune_arrondissement, 'Lyon 7e arrondissement');
  });
});
