// Usings the runtime's linked sources expect (the runtime gets them from ImplicitUsings).
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Threading;
