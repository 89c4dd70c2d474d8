// Declares part of nanoFramework.TestFramework 3.0.77; checked against nanoframework/nanoFramework.TestFramework tag v3.0.77 (18e4b3d), source/TestFramework/Assert.cs and Assert.AreEqual.cs.
namespace nanoFramework.TestFramework
{
    using System;
    using System.Runtime.CompilerServices;

    public sealed partial class Assert // Assert.cs:14
    {
        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") => throw new NotImplementedException(); // Assert.cs:224

        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") => throw new NotImplementedException(); // Assert.cs:135

        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") => throw new NotImplementedException(); // Assert.AreEqual.cs:21

        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => throw new NotImplementedException(); // Assert.AreEqual.cs:36

        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") => throw new NotImplementedException(); // Assert.AreEqual.cs:111

        public static void AreEqual(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "") => throw new NotImplementedException(); // Assert.AreEqual.cs:171

        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") => throw new NotImplementedException(); // Assert.AreEqual.cs:186

        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") => throw new NotImplementedException(); // Assert.AreEqual.cs:203
    }
}
