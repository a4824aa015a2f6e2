import { MovementKind, STOCK_EFFECT } from 'src/materials/stock-movement.entity';
import type { TestApp } from './test-app';

let materialSeq = 0;

export const CREATE_MATERIAL = `mutation ($input: CreateMaterialInput!) { createMaterial(input: $input) { id code title topic format language lowStockThreshold } }`;
export const RECEIVE = `mutation ($input: ReceiveStockInput!) { receiveStock(input: $input) { onHand orgUnit { id } material { id } } }`;
export const TRANSFER = `mutation ($input: TransferStockInput!) { transferStock(input: $input) { onHand orgUnit { id } material { id } } }`;
export const ISSUE = `mutation ($input: IssueToEventInput!) { issueToEvent(input: $input) { onHand orgUnit { id } } }`;
export const DISTRIBUTE = `mutation ($input: RecordDistributionInput!) { recordDistribution(input: $input) { onHand orgUnit { id } } }`;
export const WRITE_OFF = `mutation ($input: WriteOffStockInput!) { writeOffStock(input: $input) { onHand } }`;

/** A fresh material (unique code) created by `adminToken`; returns its id. */
export async function createMaterial(t: TestApp, adminToken: string, input: Record<string, unknown> = {}): Promise<string> {
  const code = `T${process.pid}-${++materialSeq}-${Date.now() % 100000}`;
  const res = await t.gql(CREATE_MATERIAL, { input: { code, title: '测试折页', format: 'LEAFLET', ...input } }, adminToken);
  if (!res.data?.createMaterial) throw new Error(`createMaterial failed: ${JSON.stringify(res.errors)}`);
  return res.data.createMaterial.id;
}

/** Receives `quantity` copies at `orgUnitId`; fails the test on any error. */
export async function receive(t: TestApp, token: string, orgUnitId: string, materialId: string, quantity: number): Promise<void> {
  const res = await t.gql(RECEIVE, { input: { orgUnitId, materialId, quantity } }, token);
  if (res.errors) throw new Error(`receiveStock failed: ${JSON.stringify(res.errors)}`);
}

/** The stored level, straight from the database (null: no row). */
export async function levelOf(t: TestApp, orgUnitId: string, materialId: string): Promise<number | null> {
  const rows = await t.dataSource.query('SELECT on_hand FROM stock_level WHERE org_unit_id = ? AND material_id = ?', [orgUnitId, materialId]);
  return rows.length ? Number(rows[0].on_hand) : null;
}

/** SQL for the ledger's signed quantity of a movement row aliased `m`, from STOCK_EFFECT. */
export const SIGNED_QUANTITY = `CASE m.kind ${Object.values(MovementKind)
  .map((kind) => `WHEN '${kind}' THEN ${STOCK_EFFECT[kind]} * m.quantity`)
  .join(' ')} END`;

/** What the ledger says a unit holds of a material: the signed sum of its movements. */
export async function ledgerSum(t: TestApp, orgUnitId: string, materialId: string): Promise<number> {
  const rows = await t.dataSource.query(`SELECT COALESCE(SUM(${SIGNED_QUANTITY}), 0) AS s FROM stock_movement m WHERE m.org_unit_id = ? AND m.material_id = ?`, [orgUnitId, materialId]);
  return Number(rows[0].s);
}

/** Rows of the stock tables, to show that a refused request wrote nothing. */
export async function stockRowCounts(t: TestApp): Promise<{ movements: number; levels: number; notices: number; materials: number }> {
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  return { movements: await count('stock_movement'), levels: await count('stock_level'), notices: await count('low_stock_notice'), materials: await count('material') };
}

/** Low-stock notices of a unit and material, oldest first. */
export async function noticesOf(t: TestApp, orgUnitId: string, materialId: string): Promise<{ level: number; threshold: number; status: string }[]> {
  const rows = await t.dataSource.query('SELECT level, threshold, status FROM low_stock_notice WHERE org_unit_id = ? AND material_id = ? ORDER BY created_at, id', [orgUnitId, materialId]);
  return rows.map((r: { level: unknown; threshold: unknown; status: string }) => ({ level: Number(r.level), threshold: Number(r.threshold), status: r.status }));
}
