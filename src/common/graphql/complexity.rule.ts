import {
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';

export interface ComplexityLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

export const DEFAULT_COMPLEXITY_LIMITS: ComplexityLimits = { maxDepth: 12, maxAliases: 40, maxCost: 50_000 };

/** Marks a validation error as a complexity refusal, so the formatter answers QUERY_TOO_COMPLEX. */
export const TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** A list field without `first` is assumed to hold this many items. */
const UNPAGED_LIST_FACTOR = 10;
/** Connections take `first` (default 20, at most 200); a variable is assumed to be the maximum. */
const DEFAULT_PAGE = 20;
const MAX_PAGE = 200;

/**
 * Refuses, before anything runs, operations that are too deep, use too many
 * aliases, or would touch too many objects. Cost = 1 per field, times the page
 * size for connections and a fixed factor for other lists, so nesting multiplies.
 */
export function complexityRule(limits: ComplexityLimits = DEFAULT_COMPLEXITY_LIMITS): ValidationRule {
  return (context: ValidationContext) => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    return {
      OperationDefinition(node) {
        const root =
          node.operation === 'query'
            ? schema.getQueryType()
            : node.operation === 'mutation'
              ? schema.getMutationType()
              : schema.getSubscriptionType();
        if (!root) return;
        const walker = new Walker(schema, fragments);
        const cost = walker.selectionCost(node.selectionSet, root, 1, new Set());
        const refuse = (message: string) =>
          context.reportError(new GraphQLError(message, { nodes: [node], extensions: { code: TOO_COMPLEX } }));
        if (walker.maxDepth > limits.maxDepth) refuse(`Query is nested ${walker.maxDepth} levels deep; the limit is ${limits.maxDepth}.`);
        else if (walker.aliases > limits.maxAliases) refuse(`Query uses ${walker.aliases} aliases; the limit is ${limits.maxAliases}.`);
        else if (cost > limits.maxCost) refuse(`Query cost ${cost} exceeds the limit of ${limits.maxCost}; ask for fewer items or fields.`);
      },
    };
  };
}

class Walker {
  maxDepth = 0;
  aliases = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
  ) {}

  selectionCost(set: SelectionSetNode, type: GraphQLNamedType, depth: number, seenFragments: Set<string>): number {
    this.maxDepth = Math.max(this.maxDepth, depth);
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += this.fieldCost(selection, type, depth, seenFragments);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : type;
        cost += this.selectionCost(selection.selectionSet, narrowed ?? type, depth, seenFragments);
      } else {
        const name = selection.name.value;
        const fragment = this.fragments.get(name);
        // A fragment cycle is reported by graphql's own rules; don't loop on it.
        if (!fragment || seenFragments.has(name)) continue;
        const narrowed = this.schema.getType(fragment.typeCondition.name.value) ?? type;
        cost += this.selectionCost(fragment.selectionSet, narrowed, depth, new Set([...seenFragments, name]));
      }
    }
    return cost;
  }

  private fieldCost(node: FieldNode, parent: GraphQLNamedType, depth: number, seenFragments: Set<string>): number {
    if (node.alias) this.aliases += 1;
    if (!node.selectionSet) return 1;
    const field = this.fieldDef(parent, node.name.value);
    if (!field) return 1;
    const childType = getNamedType(field.type);
    const childCost = this.selectionCost(node.selectionSet, childType, depth + 1, seenFragments);
    // A connection's page size is counted on the connection field, not again on its nodes.
    const factor = parent.name.endsWith('Connection') ? 1 : this.multiplier(node, field);
    return 1 + factor * childCost;
  }

  private multiplier(node: FieldNode, field: GraphQLField<unknown, unknown>): number {
    const first = node.arguments?.find((arg) => arg.name.value === 'first');
    if (first) {
      if (first.value.kind === Kind.INT) return Math.max(1, Math.min(Number(first.value.value), MAX_PAGE));
      return MAX_PAGE;
    }
    if (field.args.some((arg) => arg.name === 'first')) return DEFAULT_PAGE;
    return isListType(getNullableType(field.type)) ? UNPAGED_LIST_FACTOR : 1;
  }

  private fieldDef(parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
    return undefined;
  }
}
