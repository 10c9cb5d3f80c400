import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';

/**
 * The layout's rules (decision 0024), read from the import lines of every source file:
 * `src/domain/<noun>/` holds rules and SQL only, its modules form no cycle and never reach into
 * another's repository; the staff and portal applications in `src/web/` do not import each
 * other; a page's routes never import another page's routes; pages go through services.
 * The domain and `src/shared` write no sentence for a person: they throw typed problems, which
 * each application words with its dictionary (decision 0027).
 */

const root = join(new URL('..', import.meta.url).pathname);
const isSource = (path: string) => /\.(ts|tsx)$/.test(path) && !/\.test\.tsx?$/.test(path) && !/\.fixtures\.ts$/.test(path);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : isSource(path) ? [path] : [];
  });
}

type Import = { from: string; to: string };
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const spec = (match[1] ?? match[2])!;
    return { from: file, to: spec.startsWith('.') ? normalize(join(dirname(file), spec)) : spec };
  });
}

const files = sourceFiles('src');
const imports = files.flatMap(importsOf);
const domainModule = (path: string) => /^src\/domain\/([^/]+)\//.exec(path)?.[1] ?? null;
const show = (found: Import[]) => found.map((edge) => `${edge.from} -> ${edge.to}`).join('\n');

describe('the layout', () => {
  test('finds the files it checks', () => {
    assert.ok(files.filter((file) => domainModule(file)).length > 20);
    assert.ok(files.some((file) => file.startsWith('src/web/staff/')) && files.some((file) => file.startsWith('src/web/portal/')));
  });

  test('the domain holds rules and SQL only: no web, no Fastify, no views', () => {
    const web = imports.filter((edge) => domainModule(edge.from) && (edge.to.startsWith('src/web/') || /^(fastify|@fastify\/|preact)/.test(edge.to) || edge.to === 'src/app.ts'));
    assert.equal(show(web), '');
  });

  test('a domain module uses another through its service, never its repository', () => {
    const reaching = imports.filter((edge) => {
      const [from, to] = [domainModule(edge.from), domainModule(edge.to)];
      return from && to && from !== to && edge.to.endsWith('.repository.ts');
    });
    assert.equal(show(reaching), '');
  });

  test('domain modules import each other without a cycle', () => {
    const next = new Map<string, Set<string>>();
    for (const edge of imports) {
      const [from, to] = [domainModule(edge.from), domainModule(edge.to)];
      if (from && to && from !== to) next.set(from, (next.get(from) ?? new Set()).add(to));
    }
    const cycles: string[] = [];
    const walk = (module: string, path: string[]) => {
      for (const to of next.get(module) ?? []) {
        if (to === path[0]) cycles.push([...path, to].join(' -> '));
        else if (!path.includes(to)) walk(to, [...path, to]);
      }
    };
    for (const module of next.keys()) walk(module, [module]);
    assert.deepEqual(cycles, []);
  });

  test('the staff and portal applications do not import each other', () => {
    const crossing = imports.filter(
      (edge) => (edge.from.startsWith('src/web/staff/') && edge.to.startsWith('src/web/portal/')) || (edge.from.startsWith('src/web/portal/') && edge.to.startsWith('src/web/staff/')),
    );
    assert.equal(show(crossing), '');
  });

  test('pages go through services: no repository, no other page’s routes', () => {
    const web = imports.filter((edge) => edge.from.startsWith('src/web/'));
    const repositories = web.filter((edge) => edge.to.endsWith('.repository.ts'));
    const otherRoutes = web.filter((edge) => edge.from.endsWith('.routes.ts') && edge.to.endsWith('.routes.ts'));
    assert.equal(show([...repositories, ...otherRoutes]), '');
  });

  test('every relative import names a file of the repository', () => {
    const known = new Set(files.map((file) => relative('', file)));
    const broken = imports.filter((edge) => edge.to.startsWith('src/') && /\.(ts|tsx)$/.test(edge.to) && !known.has(edge.to) && !edge.to.endsWith('.test.ts'));
    // Type-only imports of test support are not source files: only source-to-source edges are checked.
    assert.equal(show(broken.filter((edge) => !/fixtures|test\//.test(edge.to))), '');
  });
});

/** Every string and template literal of a file, as the TypeScript scanner reads it, with the `new` expressions. */
function syntaxOf(file: string) {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const literals: string[] = [];
  const news: ts.NewExpression[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.push(node.text);
    else if (ts.isTemplateExpression(node)) literals.push(node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join(''));
    if (ts.isNewExpression(node)) news.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { literals, news, source };
}

// Words with a space, a French accent or mark, ending as a sentence does: a message for a person.
const isSentence = (text: string) => /\s/.test(text) && /[À-ÿŒœ’«»]/.test(text) && /[.!?…]\s*$/.test(text);

/** Words of the domain that are not messages, each with its reason. */
const wordedOnPurpose: Record<string, string> = {
  'src/domain/portal-access/access-document.ts': 'the text of the Word document given to the domicilié is the document itself',
  'src/domain/dossiers/dossiers.demo.ts': 'demonstration data (comments, motifs) as a structure would type them',
  'src/domain/letters/letters.ts': 'the words of the letters (refusal, radiation, attestation postale) are the documents themselves',
  'src/domain/spreadsheet/template.ts': 'the header cells of the spreadsheet template are the format itself, read and written as they are',
  'src/domain/notifications/notification-texts.ts': 'the e-mails and SMS sent to people are their words themselves, in French or English',
};

describe('one way to word a message (decision 0027)', () => {
  const checked = files.filter((file) => (domainModule(file) || file.startsWith('src/shared/')) && !Object.hasOwn(wordedOnPurpose, file));

  test('the domain and src/shared write no sentence for a person', () => {
    assert.ok(checked.length > 30);
    const sentences = checked.flatMap((file) => syntaxOf(file).literals.filter((text) => isSentence(text)).map((text) => `${file}: ${text}`));
    assert.deepEqual(sentences, []);
  });

  test('every problem the domain throws is typed by its module’s union', () => {
    const thrown = checked.flatMap((file) => {
      const { news, source } = syntaxOf(file);
      return news
        .filter((node) => {
          const name = node.expression.getText(source);
          return name === 'InvalidInput' || (name === 'AppError' && (node.arguments?.length ?? 0) > 1);
        })
        .map((node) => ({ typed: node.typeArguments !== undefined, where: `${file}: ${node.getText(source).slice(0, 80)}` }));
    });
    assert.ok(thrown.length > 20);
    assert.deepEqual(thrown.filter((problem) => !problem.typed).map((problem) => problem.where), []);
  });
});
