namespace Analytics.Tests.Architecture.Other;

/// <summary>The other half of a deliberate clash with <see cref="TypeNameTests.Clash"/>, for the test that the finder finds one.</summary>
internal sealed class Clash;
