// Code fix providers for the PINxxx diagnostics arrive with the analyzers issue.
[assembly: System.CLSCompliant(false)]
