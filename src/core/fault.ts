/**
 * Named fault points for the crash tests: when `TULIP_FAULT` names a point, the process
 * kills itself there with SIGKILL, as a power cut or `kill -9` would, so a test can stop
 * a child process at an exact moment without depending on timing. Unset, a point costs
 * one environment lookup.
 */
export function faultPoint(name: string): void {
  if (process.env.TULIP_FAULT === name) process.kill(process.pid, 'SIGKILL');
}
