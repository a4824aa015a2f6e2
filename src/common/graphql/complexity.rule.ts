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
    const walker = new Walker(schema, fragments);
    return {
      OperationDefinition(node) {
        const root =
          node.operation === 'query'
            ? schema.getQueryType()
            : node.operation === 'mutation'
              ? schema.getMutationType()
              : schema.getSubscriptionType();
        if (!root) {
          context.reportError(new GraphQLError(`This API has no ${node.operation} operations.`, { nodes: [node] }));
          return;
        }
        const { cost, depth, aliases } = walker.measure(node.selectionSet, root);
        const refuse = (message: string) =>
          context.reportError(new GraphQLError(message, { nodes: [node], extensions: { code: TOO_COMPLEX } }));
        if (depth > limits.maxDepth) refuse(`Query is nested ${depth} levels deep; the limit is ${limits.maxDepth}.`);
        else if (aliases > limits.maxAliases) refuse(`Query uses ${aliases} aliases; the limit is ${limits.maxAliases}.`);
        else if (cost > limits.maxCost) refuse(`Query cost ${cost} exceeds the limit of ${limits.maxCost}; ask for fewer items or fields.`);
      },
    };
  };
}

/** What a selection set costs, how many levels it spans (1 for a set of leaves) and how many aliases it holds once its fragments are spread. */
interface Measure {
  cost: number;
  depth: number;
  aliases: number;
}

const NOTHING: Measure = { cost: 0, depth: 1, aliases: 0 };

/**
 * Measures selection sets. A named fragment is measured once and its measure
 * reused wherever it is spread, so a chain of fragments that each spread the
 * next twice costs linear time to measure (and an exponential cost, refused).
 */
class Walker {
  private readonly fragmentMeasures = new Map<string, Measure>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
  ) {}

  measure(set: SelectionSetNode, type: GraphQLNamedType): Measure {
    let cost = 0;
    let below = 0;
    let aliases = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = this.fieldMeasure(selection, type);
        cost += field.cost;
        aliases += field.aliases;
        below = Math.max(below, field.depth);
      } else {
        // Fragments add their fields at this same level.
        const inner = selection.kind === Kind.INLINE_FRAGMENT ? this.inlineMeasure(selection.selectionSet, selection.typeCondition?.name.value, type) : this.fragmentMeasure(selection.name.value, type);
        cost += inner.cost;
        aliases += inner.aliases;
        below = Math.max(below, inner.depth - 1);
      }
    }
    return { cost, depth: 1 + below, aliases };
  }

  private inlineMeasure(set: SelectionSetNode, typeCondition: string | undefined, type: GraphQLNamedType): Measure {
    const narrowed = typeCondition ? this.schema.getType(typeCondition) : type;
    return this.measure(set, narrowed ?? type);
  }

  private fragmentMeasure(name: string, type: GraphQLNamedType): Measure {
    const known = this.fragmentMeasures.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // A fragment cycle or an unknown fragment is reported by graphql's own rules; don't loop on it.
    if (!fragment || this.visiting.has(name)) return NOTHING;
    this.visiting.add(name);
    const measure = this.inlineMeasure(fragment.selectionSet, fragment.typeCondition.name.value, type);
    this.visiting.delete(name);
    this.fragmentMeasures.set(name, measure);
    return measure;
  }

  /** `depth` here is the levels below the field's own: 0 for a leaf. */
  private fieldMeasure(node: FieldNode, parent: GraphQLNamedType): Measure {
    const alias = node.alias ? 1 : 0;
    if (!node.selectionSet) return { cost: 1, depth: 0, aliases: alias };
    const field = this.fieldDef(parent, node.name.value);
    if (!field) return { cost: 1, depth: 0, aliases: alias };
    const child = this.measure(node.selectionSet, getNamedType(field.type));
    // A connection's page size is counted on the connection field, not again on its nodes.
    const factor = parent.name.endsWith('Connection') ? 1 : this.multiplier(node, field);
    return { cost: 1 + factor * child.cost, depth: child.depth, aliases: alias + child.aliases };
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
