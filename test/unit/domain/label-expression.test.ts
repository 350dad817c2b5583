import { parseSelector } from '../../../src/domain/label-expression';
import { webhookTargetSchema } from '../../../src/domain/settings';

describe('selector expressions', () => {
  it('parses spaces with labels and bare spaces', () => {
    expect(parseSelector('MKT{marketing, pricing}, SLS{sales, leads}, OPS')).toEqual({
      ok: true,
      items: [
        { spaceKey: 'MKT', labels: ['marketing', 'pricing'] },
        { spaceKey: 'SLS', labels: ['sales', 'leads'] },
        { spaceKey: 'OPS', labels: undefined },
      ],
    });
  });

  it('selects nothing when empty', () => {
    expect(parseSelector('')).toEqual({ ok: true, items: [] });
    expect(parseSelector('   ')).toEqual({ ok: true, items: [] });
  });

  it('merges a space named twice; a bare mention wins', () => {
    expect(parseSelector('A{x}, A{y, x}')).toEqual({
      ok: true,
      items: [{ spaceKey: 'A', labels: ['x', 'y'] }],
    });
    expect(parseSelector('A{x}, A')).toEqual({ ok: true, items: [{ spaceKey: 'A', labels: undefined }] });
  });

  it('lowercases labels like Confluence does', () => {
    expect(parseSelector('A{KB}')).toEqual({ ok: true, items: [{ spaceKey: 'A', labels: ['kb'] }] });
  });

  it.each([
    ['MKT{', 4, 'a label', 'the end'],
    ['MKT{a,}', 6, 'a label', '"}"'],
    ['MKT{a b}', 6, '"," or "}"', '"b"'],
    ['MKT,', 4, 'a space key', 'the end'],
    ['MKT SLS', 4, '"{", "," or the end', '"S"'],
    ['MKT{a} SLS', 7, '"," or the end', '"S"'],
    [', MKT', 0, 'a space key', '","'],
    ['{a}', 0, 'a space key', '"{"'],
  ])('reports %j at position %i: expected %s, found %s', (input, position, expected, found) => {
    expect(parseSelector(input)).toEqual({
      ok: false,
      position,
      expected,
      found,
      message: `at position ${position + 1}: expected ${expected}, found ${found}`,
    });
  });

  it('makes a target setting with a malformed selector fail validation, naming the position', () => {
    const result = webhookTargetSchema.safeParse({
      id: 'h',
      name: 'H',
      kind: 'webhook',
      url: 'https://h.example.org',
      selector: 'MKT{',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['selector'],
      message: 'at position 5: expected a label, found the end',
    });
  });
});
