/** The task (a name without spaces, e.g. "worker-1") starts now. */
export declare function start(task: string): void;
/** The task ends now. */
export declare function end(task: string): void;
