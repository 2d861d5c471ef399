// Dialog: the pure conversation engine of Wegwijzer.
//
// Nothing in this module reads the clock, the environment, random numbers or files:
// time, language and calendar come in as values, effects go out as `Output` values.
