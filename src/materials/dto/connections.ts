import { Connection } from 'src/common/pagination';
import { MaterialEntity } from '../material.entity';
import { StockMovementEntity } from '../stock-movement.entity';

export const MaterialConnection = Connection(MaterialEntity, 'Material');
export const StockMovementConnection = Connection(StockMovementEntity, 'StockMovement');
