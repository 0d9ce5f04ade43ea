// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderPostMarkdown } from './post-markdown';

const render = renderPostMarkdown;

/** Only what Markdown makes: these elements, these attributes, links of these kinds. */
const allowedTags = new Set(
  'P BR HR EM STRONG S CODE PRE BLOCKQUOTE UL OL LI A H3 H4 H5 H6 TABLE THEAD TBODY TR TH TD'.split(
    ' ',
  ),
);
const allowedAttributes = new Set(['href', 'class', 'start', 'title', 'rel']);
const safeHref = /^(?:https?:\/\/|mailto:|\/(?!\/)|#|\?)/i;

/** Parses the output as a browser would and fails on anything that could run or load. */
function expectInert(html: string) {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const element of template.content.querySelectorAll('*')) {
    expect(allowedTags, `<${element.tagName}> in ${html}`).toContain(element.tagName);
    for (const attribute of element.attributes) {
      expect(allowedAttributes, `${attribute.name} in ${html}`).toContain(attribute.name);
    }
    const href = element.getAttribute('href');
    if (href !== null) {
      expect(href, html).toMatch(safeHref);
      expect(element.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
    }
  }
  // Typed tags survive only as escaped text (&lt;script&gt;), never as markup.
  expect(html).not.toMatch(/<\s*(script|svg|math|iframe|object|embed|style|img|form|input)/i);
}

const corpus: Record<string, string> = {
  'script tag': '<script>alert(1)</script>',
  'script tag, uppercase': '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  'script split over lines': '<scr\nipt>alert(1)</scr\nipt>',
  'script inside inline code is text': '`<script>alert(1)</script>`',
  'img onerror': '<img src=x onerror=alert(1)>',
  'event handler in a div': '<div onmouseover="alert(1)">hover</div>',
  'body onload': '<body onload=alert(1)>',
  'svg onload': '<svg onload=alert(1)><circle r=10 /></svg>',
  'svg with script': '<svg><script>alert(1)</script></svg>',
  'svg animate href':
    '<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>x</text></a></svg>',
  'math mglyph': '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  'iframe srcdoc': '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  'object data': '<object data="javascript:alert(1)"></object>',
  'style tag': '<style>body{background:url(javascript:alert(1))}</style>',
  'markdown link javascript:': '[click](javascript:alert(1))',
  'markdown link JavaScript mixed case': '[click](JaVaScRiPt:alert(1))',
  'markdown link with leading spaces': '[click](  javascript:alert(1))',
  'markdown link with entity j': '[click](&#106;avascript:alert(1))',
  'markdown link with hex entities':
    '[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1))',
  'markdown link with named tab entity': '[click](java&Tab;script:alert(1))',
  'markdown link with tab entity': '[click](java&#9;script:alert(1))',
  'markdown link with newline entity': '[click](java&#10;script:alert(1))',
  'markdown link percent-encoded': '[click](javascript%3Aalert(1))',
  'markdown link in angle brackets': '[click](<javascript:alert(1)>)',
  'markdown link with backslash escape': '[click](javascript\\:alert(1))',
  'reference link javascript:': '[click][x]\n\n[x]: javascript:alert(1)',
  'vbscript link': '[click](vbscript:msgbox(1))',
  'data link html': '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  'data link image': '[click](data:image/png;base64,iVBORw0KGgo=)',
  'data image markdown': '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  'image with onerror title': '![x](https://evil.example/x.png "x\\" onerror=\\"alert(1))',
  'autolink javascript:': '<javascript:alert(1)>',
  'autolink data:': '<data:text/html,<script>alert(1)</script>>',
  'linkified javascript:': 'see javascript:alert(1) here',
  'file link': '[click](file:///etc/passwd)',
  'protocol-relative link': '[click](//evil.example/phish)',
  'raw anchor with javascript:': '<a href="javascript:alert(1)">click</a>',
  'raw anchor with entity-encoded javascript:': '<a href="&#x6A;avascript:alert(1)">x</a>',
  'malformed tag': '<img src="x" onerror="alert(1)"',
  'unclosed attribute quotes': '<a href="x onclick=alert(1)>x</a>',
  'nested tags': '<<script>script>alert(1)<</script>/script>',
  'nested quotes and html': '> <div>\n> > <script>alert(1)</script>\n> </div>',
  'deeply nested quotes': `${'> '.repeat(300)}<script>alert(1)</script>`,
  'deeply nested lists': `${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- <b onclick=x>`).join('\n')}`,
  'unclosed html blocks': '<div><p><table><tr><td><a href="javascript:alert(1)">x',
  'mismatched nesting': '<b><i>x</b></i><svg><p><style><img src=x onerror=alert(1)></style>',
  'comment trick': '<!--><script>alert(1)</script>-->',
  'cdata trick': '<![CDATA[<script>alert(1)</script>]]>',
  'html in a table': '| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | <script>x</script> |',
  'html in link text': '[<img src=x onerror=alert(1)>](https://example.com)',
  'title attribute breakout': '[x](https://example.com "a\\" onmouseover=\\"alert(1)")',
  'style attribute via html': '<p style="background:url(javascript:alert(1))">x</p>',
  'form and button': '<form action=javascript:alert(1)><button>go</button></form>',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  'base href': '<base href="javascript:alert(1)//">',
  'fenced code with html': '```html\n<script>alert(1)</script>\n```',
  'fence info breakout': '```"><script>alert(1)</script>\nx\n```',
  'blockquote with a javascript: link': '> [quote](javascript:alert(1))\n> text',
  'unicode escape in link': '[click](\\u006Aavascript:alert(1))',
  'null byte in scheme': '[click](java\u0000script:alert(1))',
  'zero-width space in scheme': '[click](java\u200bscript:alert(1))',
};

describe('renderPostMarkdown: XSS corpus', () => {
  it.each(Object.entries(corpus))('%s renders inert', (_name, source) => {
    expectInert(render(source));
  });

  it('shows raw HTML as the text that was typed', () => {
    const html = render('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps a javascript: link as text, not as a link', () => {
    const html = render('[click](javascript:alert(1))');
    expect(html).not.toContain('<a');
  });

  it('never loads an image: it stays a link to its address', () => {
    const html = render('![logo](https://example.com/logo.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="https://example.com/logo.png"');
  });
});

describe('renderPostMarkdown: what members write', () => {
  it('renders CommonMark with headings below the post', () => {
    const html = render('# Title\n\nSome **bold** and _em_, `code`\n\n- one\n- two\n\n1. a');
    expect(html).toContain('<h3>Title</h3>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>two</li>');
  });

  it('gives every link rel="noopener noreferrer nofollow ugc"', () => {
    for (const source of [
      '[x](https://example.com)',
      'https://example.com',
      '<mailto:a@example.com>',
    ]) {
      const html = render(source);
      expect(html).toContain('rel="noopener noreferrer nofollow ugc"');
      expectInert(html);
    }
  });
});

describe('renderPostMarkdown: links that look like this site but lead elsewhere (security review)', () => {
  /** Where a browser goes from a thread page: a "/" link must stay on this site. */
  const resolved = (html: string) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return [...template.content.querySelectorAll('a[href]')].map(
      (link) => new URL(link.getAttribute('href')!, 'https://quorum.test/c/x/t/1').origin,
    );
  };

  it.each([
    ['backslash after the slash', '[home](/\\evil.example)'],
    ['backslash twice', '[home](\\\\evil.example)'],
    ['slash, backslash, slash', '[home](/\\/evil.example)'],
    ['tab inside the slashes', '[home](/&#9;/evil.example)'],
    ['newline inside the slashes', '[home](/&#10;/evil.example)'],
    ['autolink with backslashes', '</\\evil.example>'],
  ])('%s stays on this site', (_name, source) => {
    const html = render(source);
    expectInert(html);
    for (const origin of resolved(html)) expect(origin, html).toBe('https://quorum.test');
  });
});
