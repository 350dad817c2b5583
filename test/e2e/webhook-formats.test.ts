import { handleConfluenceEvent } from '../../src/pipeline/handle-event';
import { scenarioSchema } from '../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../src/sandbox/scenario/sandbox-env';

describe('a webhook target asking for rendered formats', () => {
  let env: SandboxEnv;
  afterEach(() => env.close());

  it('receives the storage body and each format it asked for, converted from it', async () => {
    env = await startSandbox(
      scenarioSchema.parse({
        name: 'formats',
        users: [{ accountId: 'u1', displayName: 'Alice' }],
        spaces: [{ key: 'DOCS', name: 'Docs' }],
        pages: [{ ref: 'p', space: 'DOCS', title: 'Runbook', body: '<p>v1</p>', author: 'u1' }],
        targets: [
          {
            id: 'hooks',
            name: 'hooks',
            kind: 'webhook',
            settings: { formats: ['storage', 'markdown', 'text', 'html'] },
          },
        ],
        mappings: [{ space: 'DOCS', targets: [{ id: 'hooks', pushRestricted: true }] }],
        steps: [],
        expect: { targets: {} },
      }),
      (v) => v,
    );
    const storage =
      '<h2>Steps</h2><ac:structured-macro ac:name="code"><ac:parameter ac:name="language">bash</ac:parameter><ac:plain-text-body><![CDATA[echo "a && b"]]></ac:plain-text-body></ac:structured-macro>';
    await handleConfluenceEvent(env.platform, env.state.updatePage(env.refs.get('p')!, { body: storage }));
    await env.queue.runUntilIdle();
    const [message] = env.receivers
      .get('hooks')!
      .messages()
      .filter((m) => m.applied);
    const body = (JSON.parse(message!.body) as { data: { body: Record<string, string> } }).data.body;
    expect(body.storage).toBe(storage);
    expect(body.markdown).toBe('## Steps\n\n```bash\necho "a && b"\n```');
    expect(body.text).toContain('echo "a && b"');
    expect(body.html).toContain('<h2');
    expect(body.html).not.toMatch(/ac:|ri:/);
  });
});
