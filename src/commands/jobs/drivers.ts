import { DriversAccumulator, type DriversData } from '../../core/drivers/accumulator.js';
import { addingDrivers, type DriverColumn } from '../../input/driver-columns.js';
import type { PartJob } from '../../input/parallel.js';

/** `nps drivers`'s work on each part: the cross-products of the drivers, per bootstrap group. */
export interface DriversConfig {
  drivers: DriverColumn[];
}

export const driversJob: PartJob<DriversConfig, DriversAccumulator, DriversData> = {
  module: 'commands/jobs/drivers.js',
  name: 'driversJob',
  create: (config) => new DriversAccumulator(config.drivers.map((driver) => driver.spec)),
  adder: (acc, config) => addingDrivers(config.drivers, acc),
  toData: (acc) => acc.toData(),
  merge: (into, data) => {
    into.mergeData(data);
  },
};
