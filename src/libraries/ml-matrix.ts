import type * as MatrixModule from 'ml-matrix';
import { required } from './required.js';

/** ml-matrix, the linear algebra of the drivers (required: see required.ts; its CommonJS build is the smaller). */
const matrix = required('ml-matrix') as typeof MatrixModule;

export const { CholeskyDecomposition, Matrix, pseudoInverse } = matrix;
export type CholeskyDecomposition = MatrixModule.CholeskyDecomposition;
export type Matrix = MatrixModule.Matrix;
