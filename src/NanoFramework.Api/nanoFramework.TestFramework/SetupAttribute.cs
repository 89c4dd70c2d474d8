// Declares part of nanoFramework.TestFramework 3.0.77; checked against nanoframework/nanoFramework.TestFramework tag v3.0.77 (18e4b3d), source/TestFrameworkShared/SetupAttribute.cs.
namespace nanoFramework.TestFramework
{
    using System;

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute // SetupAttribute.cs:12
    {
    }
}
