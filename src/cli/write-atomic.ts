/** The CLI's name for the one atomic writer (src/io/write-atomic.ts). */
export { writeAtomically as writeFilesAtomically } from '../core/write-atomic.ts';
