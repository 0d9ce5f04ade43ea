import { strToU8, Zip, ZipDeflate } from 'fflate';
import type { ExportContents, ExportHeader } from '@quorum/domain/privacy/privacy-use-cases';
import { csvFile } from '@quorum/domain/shared/csv';
import { postMarkdownFiles } from '@quorum/domain/threads/post-export';

const readmeEn = (header: ExportHeader) => `Quorum data export
==================

This archive holds the personal data this Quorum instance keeps about the account
${header.account.id}, generated at ${header.generatedAt}.

- quorum-export.json  everything, in one JSON file (format version ${header.formatVersion}):
                      { formatVersion, generatedAt, account, tables: { <table>: [rows] } }
- csv/<table>.csv     the same rows, one CSV file per table (UTF-8, comma-separated;
                      a cell starting with = + - @ is prefixed with ' so that no
                      spreadsheet runs it as a formula)
- posts/<thread>/<n>.md  each discussion post you wrote, as Markdown, with its ids and times

Passwords and secret tokens are never included (only their existence is). Where you acted
on someone else's record (decided their join request, looked at their data as staff), the
export holds what you did, not their data.
Consent records name the exact text version and its SHA-256 hash that you agreed to.
Survey answers: those of identified surveys, and of pseudonymous ones (found through the link
to your pseudonym), are in survey_responses and survey_answers. Answers to anonymous surveys
are stored without any link to you, so they cannot be found and are not in this export;
survey_participations only records that (and on which day) you took part.
The format is described in docs/export-format.md of the Quorum source.
`;

const readmeDe = (header: ExportHeader) => `Quorum-Datenexport
==================

Dieses Archiv enthält die personenbezogenen Daten, die diese Quorum-Instanz über das Konto
${header.account.id} speichert, erstellt am ${header.generatedAt} (UTC).

- quorum-export.json  alles in einer JSON-Datei (Formatversion ${header.formatVersion}):
                      { formatVersion, generatedAt, account, tables: { <Tabelle>: [Zeilen] } }
- csv/<Tabelle>.csv   dieselben Zeilen, eine CSV-Datei je Tabelle (UTF-8, durch Kommas
                      getrennt; einer Zelle, die mit = + - @ beginnt, ist ' vorangestellt,
                      damit keine Tabellenkalkulation sie als Formel ausführt)
- posts/<Thema>/<n>.md  jeder Diskussionsbeitrag, den du geschrieben hast, als Markdown, mit
                      seinen IDs und Zeiten

Passwörter und geheime Tokens sind nie enthalten (nur, dass es sie gibt). Wo du an fremden
Datensätzen gehandelt hast (eine Beitrittsanfrage entschieden, als Team Daten eines Mitglieds
angesehen), enthält der Export, was du getan hast, nicht die Daten der anderen Person.
Einwilligungen nennen die genaue Textversion und deren SHA-256-Prüfsumme, der du zugestimmt hast.
Umfrageantworten: die aus Umfragen mit Namen und die aus pseudonymen Umfragen (über die
Verknüpfung mit deinem Pseudonym gefunden) stehen in survey_responses und survey_answers.
Antworten auf anonyme Umfragen sind ohne jede Verbindung zu dir gespeichert; sie lassen sich
nicht finden und sind nicht in diesem Export. survey_participations hält nur fest, dass (und an
welchem Tag) du teilgenommen hast.
Das Format beschreibt docs/export-format.md im Quellcode von Quorum.
`;

/** The README in the member's language; a German one also carries the English text below it. */
const readme = (header: ExportHeader) =>
  header.account.locale === 'de' ? `${readmeDe(header)}\n\n${readmeEn(header)}` : readmeEn(header);

const indent = (json: string, spaces: number) => json.replace(/\n/g, `\n${' '.repeat(spaces)}`);

/** quorum-export.json piece by piece: the header, then one table at a time. */
async function* exportJson(contents: ExportContents): AsyncGenerator<string> {
  const { formatVersion, generatedAt, account } = contents;
  const head = JSON.stringify({ formatVersion, generatedAt, account }, null, 2);
  yield `${head.slice(0, -2)},\n  "tables": {`;
  for (const [index, table] of contents.tables.entries()) {
    const rows = await contents.rows(table);
    yield `${index === 0 ? '' : ','}\n    ${JSON.stringify(table)}: ${indent(JSON.stringify(rows, null, 2), 4)}`;
  }
  yield '\n  }\n}\n';
}

/** Texts are handed to the compressor in pieces of about this many characters. */
const PIECE = 64 * 1024;

/**
 * The member's export as a ZIP, produced piece by piece while it is read (one table at a
 * time, twice: for the JSON document and for its CSV file), so neither the rows nor the
 * archive are ever held whole: README.txt, quorum-export.json, csv/<table>.csv.
 */
export async function* exportZip(contents: ExportContents): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  const mtime = new Date(contents.generatedAt);
  function* drain(): Generator<Uint8Array> {
    if (failure) throw failure;
    yield* ready.splice(0);
  }
  async function* entry(
    name: string,
    texts: AsyncIterable<string> | Iterable<string>,
  ): AsyncGenerator<Uint8Array> {
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = mtime;
    zip.add(file);
    let pending = '';
    for await (const text of texts) {
      pending += text;
      if (pending.length < PIECE) continue;
      file.push(strToU8(pending));
      pending = '';
      yield* drain();
    }
    file.push(strToU8(pending), true);
    yield* drain();
  }

  yield* entry('README.txt', [readme(contents)]);
  yield* entry('quorum-export.json', exportJson(contents));
  for (const table of contents.tables)
    yield* entry(`csv/${table}.csv`, csvFile(await contents.rows(table)));
  if (contents.tables.includes('posts')) {
    const threads = contents.tables.includes('threads') ? await contents.rows('threads') : [];
    for (const file of postMarkdownFiles(contents.account.id, await contents.rows('posts'), threads)) yield* entry(file.name, [file.text]);
  }
  zip.end();
  yield* drain();
}
