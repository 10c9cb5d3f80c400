import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gifImage, jpegImage, pngImage } from '../../../test/helpers/images.ts';
import { InvalidInput } from '../../shared/errors.ts';
import { checkLogo, LOGO_MAX_BYTES, readJpeg, readPng, type LogoProblem } from './logo.ts';

function problem(bytes: Buffer | undefined): LogoProblem {
  try {
    checkLogo(bytes);
  } catch (error) {
    if (error instanceof InvalidInput) return error.fields.logo as LogoProblem;
    throw error;
  }
  assert.fail('the file should have been refused');
}

describe('the logo is trusted by its bytes', () => {
  test('a PNG and a JPEG are read through, with their dimensions', () => {
    assert.deepEqual(readPng(pngImage(300, 120)), { width: 300, height: 120 });
    assert.deepEqual(readJpeg(jpegImage()), { width: 120, height: 48 });
    const png = checkLogo(pngImage(300, 120));
    assert.deepEqual({ ...png, content: undefined }, { content: undefined, contentType: 'image/png', size: png.content.length, width: 300, height: 120 });
    assert.equal(checkLogo(jpegImage()).contentType, 'image/jpeg');
  });

  test('the signature alone is not enough: a cut, altered or fake file is unreadable', () => {
    const png = pngImage(40, 20);
    assert.equal(readPng(png.subarray(0, png.length - 12)), null, 'without IEND');
    const altered = Buffer.from(png);
    altered[20] = altered[20]! ^ 0xff; // inside IHDR: its CRC no longer matches
    assert.equal(readPng(altered), null);
    const fakePng = Buffer.concat([png.subarray(0, 8), Buffer.from('du texte renommé en .png')]);
    assert.deepEqual(problem(fakePng), { code: 'logo_illisible', type: 'png' });
    const jpeg = jpegImage();
    assert.equal(readJpeg(jpeg.subarray(0, jpeg.length - 2)), null, 'without EOI');
    assert.deepEqual(problem(Buffer.concat([jpeg.subarray(0, 3), Buffer.from('pas une image')])), { code: 'logo_illisible', type: 'jpeg' });
  });

  test('refuses a text file, a GIF, an empty file, a file over 1 MB and a huge picture', () => {
    assert.deepEqual(problem(Buffer.from('Ceci est un fichier texte renommé en logo.png\n')), { code: 'logo_format_refuse', found: 'autre' });
    assert.deepEqual(problem(gifImage()), { code: 'logo_format_refuse', found: 'gif' });
    assert.deepEqual(problem(Buffer.alloc(0)), { code: 'logo_manquant' });
    assert.deepEqual(problem(undefined), { code: 'logo_manquant' });
    assert.deepEqual(problem(Buffer.alloc(LOGO_MAX_BYTES + 1, 0x89)), { code: 'logo_trop_lourd', maxBytes: LOGO_MAX_BYTES });
    assert.deepEqual(problem(pngImage(6000, 1)), { code: 'logo_trop_grand', maxSide: 5000 });
    const heaviest = pngImage(600, 580, { noise: true });
    assert.ok(heaviest.length <= LOGO_MAX_BYTES, `${heaviest.length}`);
    assert.equal(checkLogo(heaviest).size, heaviest.length);
  });
});
