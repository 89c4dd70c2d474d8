// Declares part of nanoFramework.TestFramework 3.0.77; checked against nanoframework/nanoFramework.TestFramework tag v3.0.77 (18e4b3d), source/TestFrameworkShared/TestClassAttribute.cs.
namespace nanoFramework.TestFramework
{
    using System;

    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute // TestClassAttribute.cs:12
    {
    }
}
