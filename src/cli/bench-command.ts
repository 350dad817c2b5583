import { benchBitrix } from './bench-bitrix';
import { benchConvert } from './bench-convert';
import { benchEligibility } from './bench-eligibility';
import { benchHalo } from './bench-halo';
import { benchPipeline } from './bench-pipeline';

/** `relay bench`: prints the figures the issues ask for; asserts nothing. */
export async function benchCommand(_args: string[]): Promise<number> {
  const code = await benchPipeline();
  console.log('');
  await benchEligibility();
  console.log('');
  await benchHalo();
  console.log('');
  await benchBitrix();
  console.log('');
  await benchConvert();
  return code;
}
