// A part of the stack (weekly send, public API, ...) that groups resources in the construct tree while their
// CloudFormation logical IDs stay what they were when the resources sat directly in the stack.
import { createHash } from 'node:crypto';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Construct, type IConstruct } from 'constructs';

/**
 * CloudFormation knows a resource by its logical ID, and CDK derives that ID from the construct path. Moving
 * the table, a queue or the HTTP API under a new construct would give it a new ID, and a deploy would replace
 * it: an empty table, lost queued sends, a new API URL that breaks every link already mailed. So a StackPart
 * leaves its own id out of its children's logical IDs: a child needs a name unique in the whole stack (the
 * name it had there), and synthesis fails on a duplicate ("already contains" in the Resources section).
 */
export class StackPart extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    PARTS.add(this);
  }
}

const PARTS = new WeakSet<IConstruct>();

/**
 * The logical ID CDK would give `element` if every StackPart above it were removed from its path. The stack
 * calls it from `allocateLogicalId`, the hook CDK provides for its own naming.
 *
 * Some construct ids embed another construct's unique id, which CDK derives from that construct's path: an
 * SQS event source is named after its queue, an SNS subscription's invoke permission after its topic. Those
 * embedded ids are put back as they read without the parts too. It matters: Lambda refuses a second mapping
 * of the same queue to the same function, so a mapping under a new logical ID would fail the deploy.
 */
export function logicalIdWithoutParts(stack: Stack, element: CfnElement): string {
  const scopes = element.node.scopes;
  const below = scopes.slice(scopes.indexOf(stack) + 1);
  const moved = movedUniqueIds(stack);
  return cdkLogicalId(
    below.filter((scope) => !PARTS.has(scope)).map((scope) => restoreEmbeddedIds(scope.node.id, moved)),
  );
}

/** Each construct below a part: its unique id (Names.nodeUniqueId) → the one it had without the parts. */
function movedUniqueIds(stack: Stack): Array<[string, string]> {
  const moved: Array<[string, string]> = [];
  for (const construct of stack.node.findAll()) {
    let ids = UNIQUE_IDS.get(construct);
    if (ids === undefined) {
      const scopes = construct.node.scopes.slice(1);
      ids = scopes.some((scope) => PARTS.has(scope))
        ? [
            cdkLogicalId(scopes.map((scope) => scope.node.id)),
            cdkLogicalId(scopes.filter((scope) => !PARTS.has(scope)).map((scope) => scope.node.id)),
          ]
        : null;
      UNIQUE_IDS.set(construct, ids);
    }
    if (ids !== null) moved.push(ids);
  }
  return moved;
}

const UNIQUE_IDS = new WeakMap<IConstruct, [string, string] | null>();

function restoreEmbeddedIds(id: string, moved: Array<[string, string]>): string {
  let restored = id;
  for (const [now, before] of moved) {
    if (restored.includes(now)) restored = restored.replace(now, before);
  }
  return restored;
}

// CDK's own naming (aws-cdk-lib core, private/uniqueid), which is frozen: changing it would replace every
// resource of every CDK app. test/infra/logical-ids.test.ts checks this copy against CDK on a sample tree.
const HIDDEN_ID = 'Default';
const HIDDEN_FROM_HUMAN_ID = 'Resource';
const HASH_LENGTH = 8;
const MAX_HUMAN_LENGTH = 240;
const MAX_ID_LENGTH = 255;

/** The logical ID of a resource at this path below the stack. */
export function cdkLogicalId(path: readonly string[]): string {
  const components = path.filter((id) => id !== HIDDEN_ID);
  if (components.length === 0) throw new Error('A logical ID needs at least one path component');
  if (components.length === 1) {
    const candidate = alphanumeric(components[0] as string);
    if (candidate.length <= MAX_ID_LENGTH) return candidate;
  }
  const hash = createHash('md5').update(components.join('/')).digest('hex').slice(0, HASH_LENGTH);
  const human = withoutRepeats(components)
    .filter((id) => id !== HIDDEN_FROM_HUMAN_ID)
    .map(alphanumeric)
    .join('')
    .slice(0, MAX_HUMAN_LENGTH);
  return human + hash.toUpperCase();
}

const alphanumeric = (id: string) => id.replace(/[^A-Za-z0-9]/g, '');

/** Drops a component its predecessor already ends with (`Table/Table` reads `Table`). */
function withoutRepeats(components: readonly string[]): string[] {
  const kept: string[] = [];
  for (const id of components) {
    if (kept.length === 0 || !(kept[kept.length - 1] as string).endsWith(id)) kept.push(id);
  }
  return kept;
}
