// Types for build-state.mjs (plain JavaScript so that bin/ and scripts/ run without a build).
export declare const APP_ROOT: string;
export type BuildState = { fresh: true } | { fresh: false; reason: string };
export declare function buildState(targets?: string[], root?: string): BuildState;
export declare function missingDependencies(root?: string): string[];
