// Imported first by the TUI tests: Ink decides once, when it is loaded, whether it runs in CI
// (then it draws only the last frame and no alternate screen). These tests drive a terminal,
// so they must see Ink as a person's terminal does, also when CI itself runs them.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
