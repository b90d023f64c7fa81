import type * as MatrixModule from 'ml-matrix';
import { requiredWhenUsed } from './required.js';

/**
 * ml-matrix, the linear algebra of the drivers (required: see required.ts; its CommonJS build is
 * the smaller), loaded the first time it is asked for: only a system whose columns are collinear
 * needs it (core/drivers/linear.ts), and loading it costs a run about 10 ms.
 */
export const mlMatrix = requiredWhenUsed('ml-matrix') as () => typeof MatrixModule;
