import { describe, expect, it } from 'vitest';
import { postMarkdownFiles } from './post-export.js';

const me = 'a1';
const post = (overrides: Record<string, unknown>) => ({
  id: 'p1',
  thread_id: 't1',
  community_id: 'c1',
  number: 1,
  author_id: me,
  body: '# Hallo\n\nÜber *alles*',
  quoted_post_id: null,
  created_at: '2026-03-01T10:00:00.000Z',
  edited_at: null,
  ...overrides,
});

describe('posts in the export', () => {
  it('writes one Markdown file per post with its ids and times, the body as written', () => {
    const [file] = postMarkdownFiles(me, [post({})], [{ id: 't1', author_id: me, title: 'Mein "Thema"' }]);
    expect(file).toEqual({
      name: 'posts/t1/1.md',
      text: '---\npost: "p1"\nthread: "t1"\nthread_title: "Mein \\"Thema\\""\ncommunity: "c1"\nnumber: 1\nwritten_at: "2026-03-01T10:00:00.000Z"\n---\n\n# Hallo\n\nÜber *alles*\n',
    });
  });
  it('leaves out deleted posts and posts the member only deleted as staff', () => {
    const files = postMarkdownFiles(
      me,
      [post({ id: 'p2', number: 2, body: '' }), { id: 'p3', thread_id: 't2', number: 4, deleted_by: me }, post({ id: 'p4', number: 3, edited_at: '2026-03-02T10:00:00.000Z', quoted_post_id: 'p0' })],
      [],
    );
    expect(files.map((file) => file.name)).toEqual(['posts/t1/3.md']);
    expect(files[0]!.text).toContain('quotes_post: "p0"\n');
    expect(files[0]!.text).toContain('edited_at: "2026-03-02T10:00:00.000Z"\n');
  });
});
