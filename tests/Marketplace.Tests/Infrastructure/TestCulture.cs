using System.Runtime.CompilerServices;
using Marketplace.Web.Infrastructure;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// The app runs in en-US whatever the machine's locale (Program.cs applies <see cref="AppCulture"/> before anything
/// else), so its messages say "$300.00". The tests run in it from their first line too: before, a domain test that ran
/// ahead of the first test server started ran in the machine's culture (invariant on CI, "¤300.00"), and failed or
/// passed by the order of the tests.
/// </summary>
internal static class TestCulture
{
    [ModuleInitializer]
    internal static void RunInTheAppsCulture() => AppCulture.Apply();
}
