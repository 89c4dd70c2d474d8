// Declares part of nanoFramework.TestFramework 3.0.77; checked against nanoframework/nanoFramework.TestFramework tag v3.0.77 (18e4b3d), source/TestFrameworkShared/CleanupAttribute.cs.
namespace nanoFramework.TestFramework
{
    using System;

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute // CleanupAttribute.cs:12
    {
    }
}
