import { LiteTextError } from '../errors.js';
import { formatSignature, formatTensor, isDynamic, type Signature, type TensorInfo } from './signature.js';

/**
 * What lite-text feeds a model input, recognised by the input's name: the token ids (padded with the pad
 * id), the attention mask (1 = valid token, 0 = padding) or the positions 0..S−1 (Hugging Face
 * `position_ids`). Every input a model declares gets one of these roles, or the model is refused:
 * an input lite-text cannot name is never fed (it would be fed the wrong thing).
 */
export type FeedRole = 'ids' | 'mask' | 'positions';

export interface Feed {
  name: string;
  role: FeedRole;
  type: 'int64' | 'int32';
  /** Declared [1, seq] while the batch axis of the ids is not: one row, broadcast by the model. */
  singleRow: boolean;
}

const ROLE_LABELS: Record<FeedRole, string> = { ids: 'token ids', mask: 'attention mask', positions: 'position ids' };
const MASK_NAMES = new Set(['attention_mask', 'input_mask', 'mask']);
const POSITION_NAMES = new Set(['position_ids', 'positions', 'pos_ids']);
const isInteger = (t: TensorInfo) => t.type === 'int64' || t.type === 'int32';

function roleByName(name: string, idsName: string): FeedRole | undefined {
  if (name === idsName) return 'ids';
  if (MASK_NAMES.has(name.toLowerCase())) return 'mask';
  if (POSITION_NAMES.has(name.toLowerCase())) return 'positions';
  return undefined;
}

/** Two declared sizes of one axis disagree only when both are numbers. */
const clash = (a: number | string | undefined, b: number | string | undefined) => typeof a === 'number' && typeof b === 'number' && a >= 0 && b >= 0 && a !== b;

/**
 * The feeds of a model: every declared input with its role. `idsName` is the convention's token-id input;
 * with a forced convention (`byPosition`), a model without it may name its ids otherwise, as long as
 * exactly one integer input is left that is neither a mask nor positions.
 */
export function planFeeds(file: string, s: Signature, idsName: string, byPosition: boolean, convention: string): Feed[] {
  const roles = new Map<TensorInfo, FeedRole | undefined>(s.inputs.map((t) => [t, roleByName(t.name, idsName)]));
  if (![...roles.values()].includes('ids')) {
    const unnamed = s.inputs.filter((t) => roles.get(t) === undefined && isInteger(t));
    if (byPosition && unnamed.length === 1) roles.set(unnamed[0]!, 'ids');
    else {
      throw new LiteTextError('E_ENCODER_IO', `${file}: no token-id input for the ${convention} convention: no input named ${idsName}${byPosition ? ` and ${unnamed.length} integer inputs with other names` : ''} (${formatSignature(s)})`,
        `lite-text feeds ${idsName} (token ids), attention_mask and position_ids; export the model with those input names`);
    }
  }
  const ids = [...roles].find(([, r]) => r === 'ids')![0];
  const feeds: Feed[] = [];
  for (const [t, role] of roles) {
    if (role === undefined) {
      throw new LiteTextError('E_ENCODER_IO', `${file}: input ${formatTensor(t)} is not one lite-text can feed (${formatSignature(s)})`,
        `lite-text feeds token ids (${ids.name}), an attention mask (attention_mask) and position ids (position_ids) only`);
    }
    if (!isInteger(t) || t.shape.length !== 2) {
      throw new LiteTextError('E_ENCODER_IO', `${file}: input ${formatTensor(t)} is not an int64 or int32 [batch, seq] tensor, as the ${ROLE_LABELS[role]} must be`,
        'export the model with integer [batch, seq] inputs');
    }
    const singleRow = role === 'positions' && t.shape[0] === 1 && isDynamic(ids.shape[0]);
    if ((!singleRow && clash(t.shape[0], ids.shape[0])) || clash(t.shape[1], ids.shape[1])) {
      throw new LiteTextError('E_ENCODER_IO', `${file}: input ${formatTensor(t)} does not have the shape of the token ids ${formatTensor(ids)}`, 'export the model with inputs of one [batch, seq] shape');
    }
    feeds.push({ name: t.name, role, type: t.type as Feed['type'], singleRow });
  }
  return feeds;
}
