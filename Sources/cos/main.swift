import CosShell

// The executable only hands over: every behaviour lives in CosShell.
CosProgram.main()
