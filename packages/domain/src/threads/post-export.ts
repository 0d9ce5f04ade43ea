import type { PersonalRow } from '../privacy/data-export.js';

export interface ExportFile {
  name: string;
  text: string;
}

const line = (key: string, value: unknown) => (value === null || value === undefined || value === '' ? [] : [`${key}: ${JSON.stringify(value)}`]);

/**
 * The member's posts as Markdown files for their export (docs/export-format.md):
 * `posts/<thread id>/<number>.md`, a short front matter (ids, times, the title of a thread
 * they started), then the body as written. Posts they deleted have no body and no file;
 * rows where they only acted as staff (deleted someone's post) are not theirs to export.
 */
export function postMarkdownFiles(accountId: string, posts: readonly PersonalRow[], threads: readonly PersonalRow[]): ExportFile[] {
  const titles = new Map(threads.filter((row) => row['author_id'] === accountId).map((row) => [row['id'], row['title']]));
  return posts
    .filter((row) => row['author_id'] === accountId && typeof row['body'] === 'string' && row['body'] !== '')
    .map((row) => ({
      name: `posts/${String(row['thread_id'])}/${String(row['number'])}.md`,
      text: [
        '---',
        ...line('post', row['id']),
        ...line('thread', row['thread_id']),
        ...line('thread_title', row['number'] === 1 ? titles.get(row['thread_id']) : undefined),
        ...line('community', row['community_id']),
        ...line('number', row['number']),
        ...line('quotes_post', row['quoted_post_id']),
        ...line('written_at', row['created_at']),
        ...line('edited_at', row['edited_at']),
        '---',
        '',
        String(row['body']),
        '',
      ].join('\n'),
    }));
}
