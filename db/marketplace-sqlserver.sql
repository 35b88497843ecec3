IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [CategoryPrices] (
        [Category] nvarchar(32) NOT NULL,
        [BasePrice] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_CategoryPrices] PRIMARY KEY ([Category])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [DeviceModels] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [NormalizedName] nvarchar(200) NOT NULL,
        [Manufacturer] nvarchar(100) NOT NULL,
        [Category] nvarchar(32) NOT NULL,
        [AueDate] date NULL,
        [BasePrice] decimal(18,2) NULL,
        CONSTRAINT [PK_DeviceModels] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [EmailMessages] (
        [Id] uniqueidentifier NOT NULL,
        [To] nvarchar(320) NOT NULL,
        [Subject] nvarchar(300) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [SentAt] datetimeoffset NOT NULL,
        [DeliveredVia] nvarchar(400) NOT NULL,
        CONSTRAINT [PK_EmailMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [FeeSchedules] (
        [Id] int NOT NULL,
        [BuyerPremiumRate] decimal(9,4) NOT NULL,
        [SellerCommissionRate] decimal(9,4) NOT NULL,
        [StorefrontCommissionRate] decimal(9,4) NOT NULL,
        [StorefrontFlatShipping] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_FeeSchedules] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [ImportMappings] (
        [OrganizationId] uniqueidentifier NOT NULL,
        [MappingJson] nvarchar(max) NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ImportMappings] PRIMARY KEY ([OrganizationId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [LedgerTransactions] (
        [Id] uniqueidentifier NOT NULL,
        [IdempotencyKey] nvarchar(100) NOT NULL,
        [Source] nvarchar(32) NOT NULL,
        [Description] nvarchar(400) NOT NULL,
        [LotId] uniqueidentifier NULL,
        [OrderId] uniqueidentifier NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        CONSTRAINT [PK_LedgerTransactions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Organizations] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [City] nvarchar(100) NULL,
        [State] nvarchar(2) NULL,
        [IsVerified] bit NOT NULL,
        [Certification] nvarchar(32) NOT NULL,
        [CertificationNumber] nvarchar(64) NULL,
        [CertificationExpires] date NULL,
        [StripeAccountId] nvarchar(64) NULL,
        CONSTRAINT [PK_Organizations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [OutboxMessages] (
        [Id] uniqueidentifier NOT NULL,
        [Type] nvarchar(300) NOT NULL,
        [Payload] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DueAt] datetimeoffset NOT NULL,
        [LeaseUntil] datetimeoffset NULL,
        [LeaseOwner] nvarchar(100) NULL,
        [Attempts] int NOT NULL,
        [LastError] nvarchar(2000) NULL,
        [CompletedAt] datetimeoffset NULL,
        [DeadAt] datetimeoffset NULL,
        CONSTRAINT [PK_OutboxMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [PriceGuides] (
        [Id] int NOT NULL,
        [GradeA] decimal(9,4) NOT NULL,
        [GradeB] decimal(9,4) NOT NULL,
        [GradeC] decimal(9,4) NOT NULL,
        [GradeD] decimal(9,4) NOT NULL,
        [MinorFault] decimal(9,4) NOT NULL,
        [NotWorking] decimal(9,4) NOT NULL,
        [ForParts] decimal(9,4) NOT NULL,
        [FullRunwayYears] int NOT NULL,
        [ExpiredRunwayFactor] decimal(9,4) NOT NULL,
        [RangeSpread] decimal(9,4) NOT NULL,
        CONSTRAINT [PK_PriceGuides] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] uniqueidentifier NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [LedgerEntries] (
        [Id] uniqueidentifier NOT NULL,
        [TransactionId] uniqueidentifier NOT NULL,
        [Account] nvarchar(32) NOT NULL,
        [Debit] decimal(18,2) NOT NULL,
        [Credit] decimal(18,2) NOT NULL,
        [OrganizationId] uniqueidentifier NULL,
        CONSTRAINT [PK_LedgerEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LedgerEntries_LedgerTransactions_TransactionId] FOREIGN KEY ([TransactionId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUsers_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Listings] (
        [Id] uniqueidentifier NOT NULL,
        [SellerId] uniqueidentifier NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Description] nvarchar(4000) NULL,
        [Category] nvarchar(32) NOT NULL,
        [Grade] nvarchar(32) NOT NULL,
        [Price] decimal(18,2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [WarrantyMonths] int NOT NULL,
        [QuantityAvailable] int NOT NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Listings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Listings_Organizations_SellerId] FOREIGN KEY ([SellerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Lots] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(16) NOT NULL,
        [DistrictId] uniqueidentifier NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Description] nvarchar(4000) NULL,
        [PickupAddress] nvarchar(400) NULL,
        [BoardApprovalReference] nvarchar(100) NULL,
        [SaleMode] nvarchar(32) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ListedAt] datetimeoffset NULL,
        [BuyerId] uniqueidentifier NULL,
        [AwardedQuoteId] uniqueidentifier NULL,
        [HammerPrice] decimal(18,2) NULL,
        [AwardedAt] datetimeoffset NULL,
        [PaidAt] datetimeoffset NULL,
        [PickupDate] date NULL,
        [PickupWindow] nvarchar(100) NULL,
        [PickupContact] nvarchar(200) NULL,
        [PickedUpAt] datetimeoffset NULL,
        [ReceivedAt] datetimeoffset NULL,
        [CertifiedAt] datetimeoffset NULL,
        [SettledAt] datetimeoffset NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Lots] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Lots_Organizations_BuyerId] FOREIGN KEY ([BuyerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Lots_Organizations_DistrictId] FOREIGN KEY ([DistrictId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Orders] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(16) NOT NULL,
        [BuyerId] uniqueidentifier NOT NULL,
        [PlacedByUserId] uniqueidentifier NOT NULL,
        [SellerId] uniqueidentifier NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [PaymentMethod] nvarchar(32) NOT NULL,
        [PurchaseOrderNumber] nvarchar(64) NULL,
        [ShipTo] nvarchar(400) NOT NULL,
        [Shipping] decimal(18,2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [PlacedAt] datetimeoffset NOT NULL,
        [PaidAt] datetimeoffset NULL,
        CONSTRAINT [PK_Orders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Orders_Organizations_BuyerId] FOREIGN KEY ([BuyerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Orders_Organizations_SellerId] FOREIGN KEY ([SellerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] uniqueidentifier NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] uniqueidentifier NOT NULL,
        [RoleId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] uniqueidentifier NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [CartItems] (
        [Id] uniqueidentifier NOT NULL,
        [UserId] uniqueidentifier NOT NULL,
        [ListingId] uniqueidentifier NOT NULL,
        [Quantity] int NOT NULL,
        CONSTRAINT [PK_CartItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CartItems_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_CartItems_Listings_ListingId] FOREIGN KEY ([ListingId]) REFERENCES [Listings] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Certificates] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [VerificationCode] nvarchar(32) NOT NULL,
        [IssuedAt] datetimeoffset NOT NULL,
        [DeviceCount] int NOT NULL,
        [Pdf] varbinary(max) NOT NULL,
        CONSTRAINT [PK_Certificates] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Certificates_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Devices] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [Serial] nvarchar(64) NOT NULL,
        [AssetTag] nvarchar(64) NULL,
        [Category] nvarchar(32) NOT NULL,
        [Manufacturer] nvarchar(100) NULL,
        [Model] nvarchar(200) NOT NULL,
        [Grade] nvarchar(32) NOT NULL,
        [Functional] nvarchar(32) NOT NULL,
        [Cpu] nvarchar(100) NULL,
        [RamGb] int NULL,
        [StorageGb] int NULL,
        [PurchaseDate] date NULL,
        [FundingSource] nvarchar(32) NOT NULL,
        [AueDate] date NULL,
        [Enrollment] nvarchar(32) NOT NULL,
        [DeclaredSanitization] nvarchar(32) NOT NULL,
        [BatteryHealthPercent] int NULL,
        [HasCharger] bit NULL,
        [Location] nvarchar(200) NULL,
        [Notes] nvarchar(1000) NULL,
        [SanitizationMethod] nvarchar(32) NULL,
        [SanitizationTool] nvarchar(200) NULL,
        [SanitizedAt] datetimeoffset NULL,
        [SanitizedBy] nvarchar(200) NULL,
        CONSTRAINT [PK_Devices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Devices_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [ImportJobs] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [FileName] nvarchar(255) NOT NULL,
        [FileBytes] bigint NOT NULL,
        [HeaderJson] nvarchar(max) NOT NULL,
        [Preset] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [MappingJson] nvarchar(max) NULL,
        [TotalRows] int NOT NULL,
        [ValidRows] int NOT NULL,
        [IssueCount] int NOT NULL,
        [ImportedRows] int NOT NULL,
        [FailureMessage] nvarchar(2000) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [FinishedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ImportJobs] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ImportJobs_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [LotPhotos] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [FileName] nvarchar(255) NOT NULL,
        [ContentType] nvarchar(64) NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [Thumbnail] varbinary(max) NOT NULL,
        [Width] int NOT NULL,
        [Height] int NOT NULL,
        [UploadedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_LotPhotos] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LotPhotos_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Payouts] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Method] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        [SentAt] datetimeoffset NULL,
        [Reference] nvarchar(128) NULL,
        CONSTRAINT [PK_Payouts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Payouts_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payouts_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Quotes] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [RefurbisherId] uniqueidentifier NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Note] nvarchar(1000) NULL,
        [SubmittedAt] datetimeoffset NOT NULL,
        [ValidUntil] datetimeoffset NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        CONSTRAINT [PK_Quotes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Quotes_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Quotes_Organizations_RefurbisherId] FOREIGN KEY ([RefurbisherId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Invoices] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(16) NOT NULL,
        [PayerId] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NULL,
        [OrderId] uniqueidentifier NULL,
        [Description] nvarchar(400) NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Method] nvarchar(32) NOT NULL,
        [PurchaseOrderNumber] nvarchar(64) NULL,
        [Status] nvarchar(32) NOT NULL,
        [IssuedAt] datetimeoffset NOT NULL,
        [DueOn] date NOT NULL,
        [PaidAt] datetimeoffset NULL,
        [PaymentReference] nvarchar(128) NULL,
        [CheckoutSessionId] nvarchar(128) NULL,
        CONSTRAINT [PK_Invoices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Invoices_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Invoices_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Invoices_Organizations_PayerId] FOREIGN KEY ([PayerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [OrderLines] (
        [Id] uniqueidentifier NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [ListingId] uniqueidentifier NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [UnitPrice] decimal(18,2) NOT NULL,
        [Quantity] int NOT NULL,
        [WarrantyMonths] int NOT NULL,
        CONSTRAINT [PK_OrderLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderLines_Listings_ListingId] FOREIGN KEY ([ListingId]) REFERENCES [Listings] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_OrderLines_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [ImportFiles] (
        [ImportJobId] uniqueidentifier NOT NULL,
        [Content] varbinary(max) NOT NULL,
        CONSTRAINT [PK_ImportFiles] PRIMARY KEY ([ImportJobId]),
        CONSTRAINT [FK_ImportFiles_ImportJobs_ImportJobId] FOREIGN KEY ([ImportJobId]) REFERENCES [ImportJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [ImportIssues] (
        [Id] uniqueidentifier NOT NULL,
        [ImportJobId] uniqueidentifier NOT NULL,
        [Row] int NOT NULL,
        [Column] nvarchar(200) NULL,
        [Value] nvarchar(500) NULL,
        [Reason] nvarchar(500) NOT NULL,
        CONSTRAINT [PK_ImportIssues] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ImportIssues_ImportJobs_ImportJobId] FOREIGN KEY ([ImportJobId]) REFERENCES [ImportJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Category', N'BasePrice') AND [object_id] = OBJECT_ID(N'[CategoryPrices]'))
        SET IDENTITY_INSERT [CategoryPrices] ON;
    EXEC(N'INSERT INTO [CategoryPrices] ([Category], [BasePrice])
    VALUES (N''Chromebook'', 60.0),
    (N''Desktop'', 120.0),
    (N''MacBook'', 350.0),
    (N''Other'', 15.0),
    (N''Tablet'', 100.0),
    (N''WindowsLaptop'', 150.0)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Category', N'BasePrice') AND [object_id] = OBJECT_ID(N'[CategoryPrices]'))
        SET IDENTITY_INSERT [CategoryPrices] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'BuyerPremiumRate', N'SellerCommissionRate', N'StorefrontCommissionRate', N'StorefrontFlatShipping') AND [object_id] = OBJECT_ID(N'[FeeSchedules]'))
        SET IDENTITY_INSERT [FeeSchedules] ON;
    EXEC(N'INSERT INTO [FeeSchedules] ([Id], [BuyerPremiumRate], [SellerCommissionRate], [StorefrontCommissionRate], [StorefrontFlatShipping])
    VALUES (1, 0.1, 0.0, 0.08, 25.0)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'BuyerPremiumRate', N'SellerCommissionRate', N'StorefrontCommissionRate', N'StorefrontFlatShipping') AND [object_id] = OBJECT_ID(N'[FeeSchedules]'))
        SET IDENTITY_INSERT [FeeSchedules] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ExpiredRunwayFactor', N'ForParts', N'FullRunwayYears', N'GradeA', N'GradeB', N'GradeC', N'GradeD', N'MinorFault', N'NotWorking', N'RangeSpread') AND [object_id] = OBJECT_ID(N'[PriceGuides]'))
        SET IDENTITY_INSERT [PriceGuides] ON;
    EXEC(N'INSERT INTO [PriceGuides] ([Id], [ExpiredRunwayFactor], [ForParts], [FullRunwayYears], [GradeA], [GradeB], [GradeC], [GradeD], [MinorFault], [NotWorking], [RangeSpread])
    VALUES (1, 0.15, 0.1, 5, 1.0, 0.8, 0.55, 0.3, 0.6, 0.2, 0.2)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ExpiredRunwayFactor', N'ForParts', N'FullRunwayYears', N'GradeA', N'GradeB', N'GradeC', N'GradeD', N'MinorFault', N'NotWorking', N'RangeSpread') AND [object_id] = OBJECT_ID(N'[PriceGuides]'))
        SET IDENTITY_INSERT [PriceGuides] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUsers_OrganizationId] ON [AspNetUsers] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_CartItems_ListingId] ON [CartItems] ([ListingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CartItems_UserId_ListingId] ON [CartItems] ([UserId], [ListingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Certificates_LotId] ON [Certificates] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Certificates_VerificationCode] ON [Certificates] ([VerificationCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DeviceModels_NormalizedName] ON [DeviceModels] ([NormalizedName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Devices_LotId_Serial] ON [Devices] ([LotId], [Serial]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Devices_Serial] ON [Devices] ([Serial]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_EmailMessages_SentAt] ON [EmailMessages] ([SentAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_ImportIssues_ImportJobId_Row] ON [ImportIssues] ([ImportJobId], [Row]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_ImportJobs_LotId] ON [ImportJobs] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Invoices_CheckoutSessionId] ON [Invoices] ([CheckoutSessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Invoices_LotId] ON [Invoices] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Invoices_Number] ON [Invoices] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Invoices_OrderId] ON [Invoices] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Invoices_PayerId] ON [Invoices] ([PayerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Invoices_Status] ON [Invoices] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_Account] ON [LedgerEntries] ([Account]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_TransactionId] ON [LedgerEntries] ([TransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LedgerTransactions_IdempotencyKey] ON [LedgerTransactions] ([IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_LedgerTransactions_OccurredAt] ON [LedgerTransactions] ([OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Listings_IsActive_Category] ON [Listings] ([IsActive], [Category]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Listings_SellerId] ON [Listings] ([SellerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_LotPhotos_LotId] ON [LotPhotos] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Lots_BuyerId] ON [Lots] ([BuyerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Lots_DistrictId_Status] ON [Lots] ([DistrictId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Lots_Number] ON [Lots] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Lots_Status] ON [Lots] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_OrderLines_ListingId] ON [OrderLines] ([ListingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_OrderLines_OrderId] ON [OrderLines] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_BuyerId] ON [Orders] ([BuyerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Orders_Number] ON [Orders] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_SellerId] ON [Orders] ([SellerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Organizations_Name] ON [Organizations] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_CompletedAt_DueAt] ON [OutboxMessages] ([CompletedAt], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Payouts_LotId] ON [Payouts] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Payouts_OrganizationId] ON [Payouts] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Quotes_LotId_RefurbisherId] ON [Quotes] ([LotId], [RefurbisherId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Quotes_RefurbisherId] ON [Quotes] ([RefurbisherId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261122220718_Initial', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Payouts] DROP CONSTRAINT [FK_Payouts_Organizations_OrganizationId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    EXEC sp_rename N'[Payouts].[OrganizationId]', N'PayeeId', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    EXEC sp_rename N'[Payouts].[IX_Payouts_OrganizationId]', N'IX_Payouts_PayeeId', 'INDEX';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [WithdrawnAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_ValuedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Payouts] ADD [ApprovedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Payouts] ADD [ApprovedBy] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_AverageYearsOfUpdatesLeft] float NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_ChromebooksPastAue] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_DataBearingDevices] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_Devices] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_ERateRestrictedDevices] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_EstimateHigh] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_EstimateLow] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_EstimatePoint] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_FederalDevices] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_FederalEquipmentValue] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_PricedDevices] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] ADD [Manifest_UnpricedDevices] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE TABLE [InboxMessages] (
        [Key] nvarchar(200) NOT NULL,
        [Source] nvarchar(100) NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [ResponseJson] nvarchar(max) NULL,
        CONSTRAINT [PK_InboxMessages] PRIMARY KEY ([Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE TABLE [LotFulfillments] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [DistrictId] uniqueidentifier NOT NULL,
        [BuyerId] uniqueidentifier NOT NULL,
        [DeviceCount] int NOT NULL,
        [ReleasedAt] datetimeoffset NOT NULL,
        [PickupDate] date NULL,
        [PickupWindow] nvarchar(100) NULL,
        [PickupContact] nvarchar(200) NULL,
        [PickedUpAt] datetimeoffset NULL,
        [ReceivedAt] datetimeoffset NULL,
        [SanitizedCount] int NOT NULL,
        [CertifiedAt] datetimeoffset NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_LotFulfillments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LotFulfillments_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LotFulfillments_Organizations_BuyerId] FOREIGN KEY ([BuyerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LotFulfillments_Organizations_DistrictId] FOREIGN KEY ([DistrictId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE TABLE [LotSettlements] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [DistrictId] uniqueidentifier NOT NULL,
        [BuyerId] uniqueidentifier NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [AwardedAt] datetimeoffset NOT NULL,
        [FundedAt] datetimeoffset NULL,
        [ReleasedAt] datetimeoffset NULL,
        [PayoutId] uniqueidentifier NULL,
        [SettledAt] datetimeoffset NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_LotSettlements] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LotSettlements_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LotSettlements_Organizations_BuyerId] FOREIGN KEY ([BuyerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LotSettlements_Organizations_DistrictId] FOREIGN KEY ([DistrictId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LotSettlements_Payouts_PayoutId] FOREIGN KEY ([PayoutId]) REFERENCES [Payouts] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE TABLE [Sales] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [DistrictId] uniqueidentifier NOT NULL,
        [Mode] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [OpenedAt] datetimeoffset NOT NULL,
        [ClosedAt] datetimeoffset NULL,
        [HoldsDataBearingDevices] bit NOT NULL,
        [BuyerId] uniqueidentifier NULL,
        [AwardedQuoteId] uniqueidentifier NULL,
        [AwardedAt] datetimeoffset NULL,
        [HammerPrice] decimal(18,2) NULL,
        [BuyerPremiumRate] decimal(9,4) NULL,
        [SellerCommissionRate] decimal(9,4) NULL,
        [BuyerPremium] decimal(18,2) NULL,
        [SellerCommission] decimal(18,2) NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Sales] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Sales_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Sales_Organizations_BuyerId] FOREIGN KEY ([BuyerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Sales_Organizations_DistrictId] FOREIGN KEY ([DistrictId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE TABLE [SanitizationRecords] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [DeviceId] uniqueidentifier NOT NULL,
        [Attempt] int NOT NULL,
        [Method] nvarchar(32) NOT NULL,
        [Tool] nvarchar(200) NOT NULL,
        [Technician] nvarchar(200) NOT NULL,
        [RecordedByUserId] uniqueidentifier NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_SanitizationRecords] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SanitizationRecords_Devices_DeviceId] FOREIGN KEY ([DeviceId]) REFERENCES [Devices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SanitizationRecords_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    EXEC(N'-- Sales: one per lot that was ever listed. Sale.Id = Lot.Id, so each quote''s LotId becomes its SaleId as it is.
    INSERT INTO [Sales] ([Id], [LotId], [DistrictId], [Mode], [Status], [Currency], [OpenedAt], [ClosedAt],
        [HoldsDataBearingDevices], [BuyerId], [AwardedQuoteId], [AwardedAt], [HammerPrice], [BuyerPremiumRate],
        [SellerCommissionRate], [BuyerPremium], [SellerCommission], [Version])
    SELECT l.[Id], l.[Id], l.[DistrictId], l.[SaleMode],
        CASE WHEN l.[BuyerId] IS NOT NULL THEN ''Awarded'' WHEN l.[Status] = ''Withdrawn'' THEN ''Cancelled'' ELSE ''Open'' END,
        l.[Currency], l.[ListedAt], l.[AwardedAt],
        CASE WHEN EXISTS (SELECT 1 FROM [Devices] d WHERE d.[LotId] = l.[Id] AND d.[Category] <> ''Other'') THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END,
        l.[BuyerId], l.[AwardedQuoteId], l.[AwardedAt], l.[HammerPrice],
        CASE WHEN l.[HammerPrice] IS NULL THEN NULL ELSE COALESCE(f.[BuyerPremiumRate], 0) END,
        CASE WHEN l.[HammerPrice] IS NULL THEN NULL ELSE COALESCE(f.[SellerCommissionRate], 0) END,
        CASE WHEN l.[HammerPrice] IS NULL THEN NULL ELSE ROUND(l.[HammerPrice] * COALESCE(f.[BuyerPremiumRate], 0), 2) END,
        CASE WHEN l.[HammerPrice] IS NULL THEN NULL ELSE ROUND(l.[HammerPrice] * COALESCE(f.[SellerCommissionRate], 0), 2) END,
        0
    FROM [Lots] l LEFT JOIN [FeeSchedules] f ON f.[Id] = 1
    WHERE l.[ListedAt] IS NOT NULL;

    -- Escrow for every awarded lot: paid lots hold their money; a recorded payout releases it; a sent one settles the lot.
    INSERT INTO [LotSettlements] ([Id], [LotId], [DistrictId], [BuyerId], [Currency], [Status], [AwardedAt],
        [FundedAt], [ReleasedAt], [PayoutId], [SettledAt], [Version])
    SELECT l.[Id], l.[Id], l.[DistrictId], l.[BuyerId], l.[Currency],
        CASE WHEN p.[Status] = ''Sent'' THEN ''Settled'' WHEN p.[Id] IS NOT NULL THEN ''PayoutPending'' WHEN l.[PaidAt] IS NOT NULL THEN ''Held'' ELSE ''AwaitingPayment'' END,
        COALESCE(l.[AwardedAt], l.[ListedAt], l.[CreatedAt]), l.[PaidAt], p.[RecordedAt], p.[Id],
        CASE WHEN p.[Status] = ''Sent'' THEN COALESCE(p.[SentAt], l.[SettledAt]) ELSE NULL END,
        0
    FROM [Lots] l LEFT JOIN [Payouts] p ON p.[LotId] = l.[Id]
    WHERE l.[BuyerId] IS NOT NULL;

    -- Fulfillment of every paid lot, with its device count and how many serials were sanitized.
    INSERT INTO [LotFulfillments] ([Id], [LotId], [DistrictId], [BuyerId], [DeviceCount], [ReleasedAt], [PickupDate],
        [PickupWindow], [PickupContact], [PickedUpAt], [ReceivedAt], [SanitizedCount], [CertifiedAt], [Version])
    SELECT l.[Id], l.[Id], l.[DistrictId], l.[BuyerId],
        (SELECT COUNT(*) FROM [Devices] d WHERE d.[LotId] = l.[Id]),
        l.[PaidAt], l.[PickupDate], l.[PickupWindow], l.[PickupContact], l.[PickedUpAt], l.[ReceivedAt],
        (SELECT COUNT(*) FROM [Devices] d WHERE d.[LotId] = l.[Id] AND d.[SanitizedAt] IS NOT NULL AND d.[SanitizationMethod] IS NOT NULL),
        l.[CertifiedAt], 0
    FROM [Lots] l
    WHERE l.[BuyerId] IS NOT NULL AND l.[PaidAt] IS NOT NULL;

    -- Each device''s sanitization becomes its first record (the user who typed it was not kept).
    INSERT INTO [SanitizationRecords] ([Id], [LotId], [DeviceId], [Attempt], [Method], [Tool], [Technician],
        [RecordedByUserId], [RecordedAt])
    SELECT d.[Id], d.[LotId], d.[Id], 1, d.[SanitizationMethod], COALESCE(d.[SanitizationTool], ''''), COALESCE(d.[SanitizedBy], ''''),
        ''00000000-0000-0000-0000-000000000000'', d.[SanitizedAt]
    FROM [Devices] d
    WHERE d.[SanitizedAt] IS NOT NULL AND d.[SanitizationMethod] IS NOT NULL;

    -- Payouts the bank had not confirmed were posted as cash out; under the new chart of accounts they are in transit.
    UPDATE [LedgerEntries]
    SET [Account] = ''PayoutsInTransit'',
        [OrganizationId] = (SELECT p.[PayeeId] FROM [Payouts] p JOIN [LedgerTransactions] t ON t.[LotId] = p.[LotId] WHERE t.[Id] = [LedgerEntries].[TransactionId])
    WHERE [Account] = ''Cash'' AND [TransactionId] IN (
        SELECT t.[Id] FROM [LedgerTransactions] t JOIN [Payouts] p ON p.[LotId] = t.[LotId]
        WHERE t.[Source] = ''DistrictPayout'' AND p.[Status] = ''AwaitingRelease'');

    UPDATE [LedgerTransactions]
    SET [Source] = ''DistrictPayoutReleased'',
        [IdempotencyKey] = ''payout-released:'' + (SELECT LOWER(CONVERT(nvarchar(36), p.[Id])) FROM [Payouts] p WHERE p.[LotId] = [LedgerTransactions].[LotId])
    WHERE [Source] = ''DistrictPayout'' AND [LotId] IN (SELECT p.[LotId] FROM [Payouts] p WHERE p.[Status] = ''AwaitingRelease'');

    UPDATE [LedgerTransactions]
    SET [Source] = ''DistrictPayoutSent'',
        [IdempotencyKey] = ''payout-sent:'' + (SELECT LOWER(CONVERT(nvarchar(36), p.[Id])) FROM [Payouts] p WHERE p.[LotId] = [LedgerTransactions].[LotId])
    WHERE [Source] = ''DistrictPayout'';

    UPDATE [Payouts] SET [Status] = ''InTransit'', [ApprovedAt] = [RecordedAt], [ApprovedBy] = ''Recorded before payout approvals''
    WHERE [Status] = ''AwaitingRelease'';

    UPDATE [Payouts] SET [ApprovedAt] = [RecordedAt] WHERE [Status] = ''Sent'' AND [ApprovedAt] IS NULL;

    -- The lot keeps only its own listing state; its manifest summary is recomputed at start-up (Manifest_ValuedAt is null).
    UPDATE [Lots] SET [Status] = ''Listed'' WHERE [Status] NOT IN (''Draft'', ''Withdrawn'');

    UPDATE [Lots]
    SET [Manifest_Devices] = (SELECT COUNT(*) FROM [Devices] d WHERE d.[LotId] = [Lots].[Id]),
        [Manifest_DataBearingDevices] = (SELECT COUNT(*) FROM [Devices] d WHERE d.[LotId] = [Lots].[Id] AND d.[Category] <> ''Other'');')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Lots] DROP CONSTRAINT [FK_Lots_Organizations_BuyerId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Quotes] DROP CONSTRAINT [FK_Quotes_Lots_LotId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DROP INDEX [IX_Lots_BuyerId] ON [Lots];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DROP INDEX [IX_Lots_Status] ON [Lots];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'AwardedAt');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [Lots] DROP COLUMN [AwardedAt];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'AwardedQuoteId');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [Lots] DROP COLUMN [AwardedQuoteId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'BuyerId');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [Lots] DROP COLUMN [BuyerId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var3 nvarchar(max);
    SELECT @var3 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'CertifiedAt');
    IF @var3 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var3 + ';');
    ALTER TABLE [Lots] DROP COLUMN [CertifiedAt];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var4 nvarchar(max);
    SELECT @var4 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'HammerPrice');
    IF @var4 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var4 + ';');
    ALTER TABLE [Lots] DROP COLUMN [HammerPrice];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var5 nvarchar(max);
    SELECT @var5 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'PaidAt');
    IF @var5 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var5 + ';');
    ALTER TABLE [Lots] DROP COLUMN [PaidAt];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var6 nvarchar(max);
    SELECT @var6 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'PickedUpAt');
    IF @var6 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var6 + ';');
    ALTER TABLE [Lots] DROP COLUMN [PickedUpAt];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var7 nvarchar(max);
    SELECT @var7 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'PickupContact');
    IF @var7 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var7 + ';');
    ALTER TABLE [Lots] DROP COLUMN [PickupContact];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var8 nvarchar(max);
    SELECT @var8 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'PickupDate');
    IF @var8 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var8 + ';');
    ALTER TABLE [Lots] DROP COLUMN [PickupDate];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var9 nvarchar(max);
    SELECT @var9 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'PickupWindow');
    IF @var9 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var9 + ';');
    ALTER TABLE [Lots] DROP COLUMN [PickupWindow];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var10 nvarchar(max);
    SELECT @var10 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'SaleMode');
    IF @var10 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var10 + ';');
    ALTER TABLE [Lots] DROP COLUMN [SaleMode];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var11 nvarchar(max);
    SELECT @var11 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Devices]') AND [c].[name] = N'SanitizationMethod');
    IF @var11 IS NOT NULL EXEC(N'ALTER TABLE [Devices] DROP CONSTRAINT ' + @var11 + ';');
    ALTER TABLE [Devices] DROP COLUMN [SanitizationMethod];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var12 nvarchar(max);
    SELECT @var12 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Devices]') AND [c].[name] = N'SanitizationTool');
    IF @var12 IS NOT NULL EXEC(N'ALTER TABLE [Devices] DROP CONSTRAINT ' + @var12 + ';');
    ALTER TABLE [Devices] DROP COLUMN [SanitizationTool];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var13 nvarchar(max);
    SELECT @var13 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Devices]') AND [c].[name] = N'SanitizedAt');
    IF @var13 IS NOT NULL EXEC(N'ALTER TABLE [Devices] DROP CONSTRAINT ' + @var13 + ';');
    ALTER TABLE [Devices] DROP COLUMN [SanitizedAt];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var14 nvarchar(max);
    SELECT @var14 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Devices]') AND [c].[name] = N'SanitizedBy');
    IF @var14 IS NOT NULL EXEC(N'ALTER TABLE [Devices] DROP CONSTRAINT ' + @var14 + ';');
    ALTER TABLE [Devices] DROP COLUMN [SanitizedBy];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    EXEC sp_rename N'[Quotes].[LotId]', N'SaleId', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    EXEC sp_rename N'[Quotes].[IX_Quotes_LotId_RefurbisherId]', N'IX_Quotes_SaleId_RefurbisherId', 'INDEX';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var15 nvarchar(max);
    SELECT @var15 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'SettledAt');
    IF @var15 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var15 + ';');
    ALTER TABLE [Lots] DROP COLUMN [SettledAt];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    DECLARE @var16 nvarchar(max);
    SELECT @var16 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Lots]') AND [c].[name] = N'ReceivedAt');
    IF @var16 IS NOT NULL EXEC(N'ALTER TABLE [Lots] DROP CONSTRAINT ' + @var16 + ';');
    ALTER TABLE [Lots] DROP COLUMN [ReceivedAt];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_Payouts_Status] ON [Payouts] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_LedgerTransactions_LotId] ON [LedgerTransactions] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_OrganizationId_Account] ON [LedgerEntries] ([OrganizationId], [Account]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_Devices_AssetTag] ON [Devices] ([AssetTag]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_InboxMessages_ReceivedAt] ON [InboxMessages] ([ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_LotFulfillments_BuyerId] ON [LotFulfillments] ([BuyerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_LotFulfillments_DistrictId] ON [LotFulfillments] ([DistrictId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LotFulfillments_LotId] ON [LotFulfillments] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_LotSettlements_BuyerId] ON [LotSettlements] ([BuyerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_LotSettlements_DistrictId_Status] ON [LotSettlements] ([DistrictId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LotSettlements_LotId] ON [LotSettlements] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_LotSettlements_PayoutId] ON [LotSettlements] ([PayoutId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_Sales_BuyerId] ON [Sales] ([BuyerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_Sales_DistrictId] ON [Sales] ([DistrictId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Sales_LotId] ON [Sales] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_Sales_Status_OpenedAt] ON [Sales] ([Status], [OpenedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SanitizationRecords_DeviceId_Attempt] ON [SanitizationRecords] ([DeviceId], [Attempt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    CREATE INDEX [IX_SanitizationRecords_LotId] ON [SanitizationRecords] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Payouts] ADD CONSTRAINT [FK_Payouts_Organizations_PayeeId] FOREIGN KEY ([PayeeId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    ALTER TABLE [Quotes] ADD CONSTRAINT [FK_Quotes_Sales_SaleId] FOREIGN KEY ([SaleId]) REFERENCES [Sales] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202080448_ReshapeLotLifecycle'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202080448_ReshapeLotLifecycle', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206065220_RememberMappingsPerHeaderSet'
)
BEGIN
    DELETE FROM [ImportMappings]
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206065220_RememberMappingsPerHeaderSet'
)
BEGIN
    ALTER TABLE [ImportMappings] DROP CONSTRAINT [PK_ImportMappings];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206065220_RememberMappingsPerHeaderSet'
)
BEGIN
    ALTER TABLE [ImportMappings] ADD [HeaderSet] nvarchar(64) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206065220_RememberMappingsPerHeaderSet'
)
BEGIN
    ALTER TABLE [ImportMappings] ADD CONSTRAINT [PK_ImportMappings] PRIMARY KEY ([OrganizationId], [HeaderSet]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206065220_RememberMappingsPerHeaderSet'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206065220_RememberMappingsPerHeaderSet', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206065516_CountImportHeaderNotes'
)
BEGIN
    ALTER TABLE [ImportJobs] ADD [HeaderNotes] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206065516_CountImportHeaderNotes'
)
BEGIN
    EXEC(N'UPDATE [ImportJobs] SET [HeaderNotes] = (SELECT COUNT(*) FROM [ImportIssues] i WHERE i.[ImportJobId] = [ImportJobs].[Id] AND i.[Row] = 1)')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206065516_CountImportHeaderNotes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206065516_CountImportHeaderNotes', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206070624_ReadAssetSystemColumns'
)
BEGIN
    ALTER TABLE [Devices] ADD [AssetStatus] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206070624_ReadAssetSystemColumns'
)
BEGIN
    ALTER TABLE [Devices] ADD [EndOfLife] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206070624_ReadAssetSystemColumns'
)
BEGIN
    ALTER TABLE [Devices] ADD [ModelNumber] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206070624_ReadAssetSystemColumns'
)
BEGIN
    ALTER TABLE [Devices] ADD [PurchaseCost] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206070624_ReadAssetSystemColumns'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206070624_ReadAssetSystemColumns', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206093416_OrderApproval'
)
BEGIN
    ALTER TABLE [Organizations] ADD [OrderApprovalLimit] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206093416_OrderApproval'
)
BEGIN
    ALTER TABLE [Orders] ADD [ApprovedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206093416_OrderApproval'
)
BEGIN
    ALTER TABLE [Orders] ADD [ApprovedByUserId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206093416_OrderApproval'
)
BEGIN
    ALTER TABLE [Orders] ADD [RejectionReason] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206093416_OrderApproval'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206093416_OrderApproval', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    EXEC(N'SELECT [Id], [IsVerified], [Certification], [CertificationNumber], [CertificationExpires]
    INTO [__OrganizationVerification] FROM [Organizations];')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    DECLARE @var17 nvarchar(max);
    SELECT @var17 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Organizations]') AND [c].[name] = N'CertificationExpires');
    IF @var17 IS NOT NULL EXEC(N'ALTER TABLE [Organizations] DROP CONSTRAINT ' + @var17 + ';');
    ALTER TABLE [Organizations] DROP COLUMN [CertificationExpires];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    DECLARE @var18 nvarchar(max);
    SELECT @var18 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Organizations]') AND [c].[name] = N'CertificationNumber');
    IF @var18 IS NOT NULL EXEC(N'ALTER TABLE [Organizations] DROP CONSTRAINT ' + @var18 + ';');
    ALTER TABLE [Organizations] DROP COLUMN [CertificationNumber];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    EXEC sp_rename N'[Organizations].[IsVerified]', N'IsPrivateSchool', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    EXEC sp_rename N'[Organizations].[Certification]', N'Status', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    ALTER TABLE [Organizations] ADD [AppliedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    ALTER TABLE [Organizations] ADD [Ein] nvarchar(10) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    ALTER TABLE [Organizations] ADD [NcesId] nvarchar(12) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    ALTER TABLE [Organizations] ADD [Phone] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    ALTER TABLE [Organizations] ADD [PostalCode] nvarchar(10) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    ALTER TABLE [Organizations] ADD [StatusChangedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    ALTER TABLE [Organizations] ADD [StatusChangedBy] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    ALTER TABLE [Organizations] ADD [StatusReason] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    ALTER TABLE [Organizations] ADD [Street] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    ALTER TABLE [Organizations] ADD [Version] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    CREATE TABLE [OrganizationDocuments] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Number] nvarchar(64) NOT NULL,
        [Issuer] nvarchar(200) NOT NULL,
        [IssuedOn] date NOT NULL,
        [ExpiresOn] date NULL,
        [TaxExemptForm] nvarchar(32) NULL,
        [ExemptionReason] nvarchar(32) NULL,
        [FileName] nvarchar(255) NULL,
        [ContentType] nvarchar(64) NULL,
        [FileSize] bigint NOT NULL,
        [UploadedAt] datetimeoffset NOT NULL,
        [UploadedBy] nvarchar(200) NOT NULL,
        [UploadedByUserId] uniqueidentifier NULL,
        [Status] nvarchar(32) NOT NULL,
        [ReviewedAt] datetimeoffset NULL,
        [ReviewedBy] nvarchar(200) NULL,
        [ReviewedByUserId] uniqueidentifier NULL,
        [RejectionReason] nvarchar(1000) NULL,
        [SupersededAt] datetimeoffset NULL,
        [SupersededById] uniqueidentifier NULL,
        [ThirtyDayNoticeSentAt] datetimeoffset NULL,
        [SevenDayNoticeSentAt] datetimeoffset NULL,
        [ExpiredNoticeSentAt] datetimeoffset NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_OrganizationDocuments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrganizationDocuments_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    CREATE TABLE [OrganizationDocumentFiles] (
        [DocumentId] uniqueidentifier NOT NULL,
        [Content] varbinary(max) NOT NULL,
        CONSTRAINT [PK_OrganizationDocumentFiles] PRIMARY KEY ([DocumentId]),
        CONSTRAINT [FK_OrganizationDocumentFiles_OrganizationDocuments_DocumentId] FOREIGN KEY ([DocumentId]) REFERENCES [OrganizationDocuments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    CREATE INDEX [IX_Organizations_Ein] ON [Organizations] ([Ein]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    CREATE INDEX [IX_Organizations_Status_Kind] ON [Organizations] ([Status], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    CREATE INDEX [IX_OrganizationDocuments_OrganizationId_Kind] ON [OrganizationDocuments] ([OrganizationId], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    CREATE INDEX [IX_OrganizationDocuments_Status_ExpiresOn] ON [OrganizationDocuments] ([Status], [ExpiresOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    EXEC(N'UPDATE o SET
        o.[Status] = CASE WHEN v.[IsVerified] = 1 THEN N''Verified'' ELSE N''Applied'' END,
        o.[Version] = 0,
        o.[IsPrivateSchool] = 0
    FROM [Organizations] o LEFT JOIN [__OrganizationVerification] v ON v.[Id] = o.[Id];

    INSERT INTO [OrganizationDocuments] ([Id], [OrganizationId], [Kind], [Number], [Issuer], [IssuedOn], [ExpiresOn],
        [FileSize], [UploadedAt], [UploadedBy], [Status], [ReviewedAt], [ReviewedBy], [Version])
    SELECT NEWID(), v.[Id], v.[Certification], COALESCE(NULLIF(LTRIM(RTRIM(v.[CertificationNumber])), N''''), N''not recorded''),
        CASE v.[Certification] WHEN N''R2v3'' THEN N''SERI (Sustainable Electronics Recycling International)''
            WHEN N''EStewards'' THEN N''Basel Action Network (e-Stewards)'' ELSE N''i-SIGMA (NAID AAA)'' END,
        DATEADD(year, -3, v.[CertificationExpires]), v.[CertificationExpires],
        0, SYSDATETIMEOFFSET(), N''Carried over from the organization record'',
        CASE WHEN v.[IsVerified] = 1 THEN N''Approved'' ELSE N''Pending'' END,
        CASE WHEN v.[IsVerified] = 1 THEN SYSDATETIMEOFFSET() END,
        CASE WHEN v.[IsVerified] = 1 THEN N''Carried over (the organization was verified)'' END,
        0
    FROM [__OrganizationVerification] v
    WHERE v.[Certification] IN (N''R2v3'', N''EStewards'', N''NaidAaa'') AND v.[CertificationExpires] IS NOT NULL;

    DROP TABLE [__OrganizationVerification];')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206102745_OrganizationVerification'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206102745_OrganizationVerification', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206105134_AddAuditTrail'
)
BEGIN
    CREATE TABLE [AuditRecords] (
        [Id] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        [CommandId] uniqueidentifier NOT NULL,
        [ActorUserId] uniqueidentifier NULL,
        [ActorName] nvarchar(200) NOT NULL,
        [OrganizationId] uniqueidentifier NULL,
        [ClientAddress] nvarchar(64) NULL,
        [Action] nvarchar(100) NOT NULL,
        [Operation] nvarchar(32) NOT NULL,
        [EntityType] nvarchar(100) NULL,
        [EntityId] nvarchar(100) NULL,
        [EntityLabel] nvarchar(200) NULL,
        [LotId] uniqueidentifier NULL,
        [Changes] nvarchar(max) NULL,
        CONSTRAINT [PK_AuditRecords] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206105134_AddAuditTrail'
)
BEGIN
    CREATE INDEX [IX_AuditRecords_At] ON [AuditRecords] ([At] DESC);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206105134_AddAuditTrail'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_AuditRecords_EntityId] ON [AuditRecords] ([EntityId]) WHERE [EntityId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206105134_AddAuditTrail'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_AuditRecords_EntityLabel] ON [AuditRecords] ([EntityLabel]) WHERE [EntityLabel] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206105134_AddAuditTrail'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_AuditRecords_LotId_At] ON [AuditRecords] ([LotId], [At] DESC) WHERE [LotId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206105134_AddAuditTrail'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_AuditRecords_OrganizationId_At] ON [AuditRecords] ([OrganizationId], [At] DESC) WHERE [OrganizationId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206105134_AddAuditTrail'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206105134_AddAuditTrail', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206111505_PeopleAndTwoFactor'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [DeactivatedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206111505_PeopleAndTwoFactor'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [DeactivatedBy] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206111505_PeopleAndTwoFactor'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [DeactivatedByPlatform] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206111505_PeopleAndTwoFactor'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [DeactivationReason] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206111505_PeopleAndTwoFactor'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [LastSignInAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206111505_PeopleAndTwoFactor'
)
BEGIN
    CREATE TABLE [Invitations] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [NormalizedEmail] nvarchar(256) NOT NULL,
        [Duties] nvarchar(max) NOT NULL,
        [InvitedById] uniqueidentifier NOT NULL,
        [InvitedByName] nvarchar(200) NOT NULL,
        [InvitedByEmail] nvarchar(256) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [TokenHash] nvarchar(64) NULL,
        [SentAt] datetimeoffset NULL,
        [TimesSent] int NOT NULL,
        [AcceptedAt] datetimeoffset NULL,
        [AcceptedUserId] uniqueidentifier NULL,
        [RevokedAt] datetimeoffset NULL,
        [RevokedByName] nvarchar(200) NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Invitations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Invitations_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206111505_PeopleAndTwoFactor'
)
BEGIN
    CREATE INDEX [IX_Invitations_OrganizationId_NormalizedEmail] ON [Invitations] ([OrganizationId], [NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206111505_PeopleAndTwoFactor'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Invitations_TokenHash] ON [Invitations] ([TokenHash]) WHERE [TokenHash] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206111505_PeopleAndTwoFactor'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206111505_PeopleAndTwoFactor', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [BidCount] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [BuyNowPrice] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [ClosesAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [CurrentPrice] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [DeclinedOffers] nvarchar(max) NOT NULL DEFAULT N'[]';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [LeaderId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [LeaderMaximum] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [MinimumIncrement] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [OfferExpiresAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [OfferPrice] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [OfferedToId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [PaymentDueAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [ReservePrice] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [Round] int NOT NULL DEFAULT 1;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [ScheduledCloseAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [SoftCloseMinutes] int NOT NULL DEFAULT 5;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD [StartPrice] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    CREATE TABLE [Bids] (
        [Id] uniqueidentifier NOT NULL,
        [SaleId] uniqueidentifier NOT NULL,
        [Round] int NOT NULL,
        [BidderId] uniqueidentifier NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [PlacedAt] datetimeoffset NOT NULL,
        [Replaced] bit NOT NULL,
        [PriceAfter] decimal(18,2) NULL,
        [LeaderAfter] uniqueidentifier NULL,
        CONSTRAINT [PK_Bids] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Bids_Organizations_BidderId] FOREIGN KEY ([BidderId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Bids_Sales_SaleId] FOREIGN KEY ([SaleId]) REFERENCES [Sales] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    CREATE TABLE [Forfeits] (
        [Id] uniqueidentifier NOT NULL,
        [SaleId] uniqueidentifier NOT NULL,
        [BuyerId] uniqueidentifier NOT NULL,
        [Round] int NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [AwardedAt] datetimeoffset NOT NULL,
        [ForfeitedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Forfeits] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Forfeits_Organizations_BuyerId] FOREIGN KEY ([BuyerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Forfeits_Sales_SaleId] FOREIGN KEY ([SaleId]) REFERENCES [Sales] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    CREATE INDEX [IX_Sales_LeaderId] ON [Sales] ([LeaderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    CREATE INDEX [IX_Sales_OfferedToId] ON [Sales] ([OfferedToId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    CREATE INDEX [IX_Sales_Status_ClosesAt] ON [Sales] ([Status], [ClosesAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    CREATE INDEX [IX_Bids_BidderId] ON [Bids] ([BidderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    CREATE INDEX [IX_Bids_SaleId_Round_PlacedAt] ON [Bids] ([SaleId], [Round], [PlacedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    CREATE INDEX [IX_Forfeits_BuyerId] ON [Forfeits] ([BuyerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    CREATE INDEX [IX_Forfeits_SaleId] ON [Forfeits] ([SaleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD CONSTRAINT [FK_Sales_Organizations_LeaderId] FOREIGN KEY ([LeaderId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    ALTER TABLE [Sales] ADD CONSTRAINT [FK_Sales_Organizations_OfferedToId] FOREIGN KEY ([OfferedToId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206121157_SaleModesAndBids'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206121157_SaleModesAndBids', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE TABLE [LotWatches] (
        [Id] uniqueidentifier NOT NULL,
        [UserId] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [WatchedAt] datetimeoffset NOT NULL,
        [ClosingNoticeSentAt] datetimeoffset NULL,
        CONSTRAINT [PK_LotWatches] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LotWatches_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_LotWatches_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_LotWatches_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE TABLE [ManifestGroups] (
        [Id] bigint NOT NULL IDENTITY,
        [LotId] uniqueidentifier NOT NULL,
        [Category] nvarchar(32) NOT NULL,
        [Manufacturer] nvarchar(100) NULL,
        [Model] nvarchar(200) NOT NULL,
        [Grade] nvarchar(32) NOT NULL,
        [AueDate] date NULL,
        [Devices] int NOT NULL,
        CONSTRAINT [PK_ManifestGroups] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ManifestGroups_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE TABLE [SavedSearches] (
        [Id] uniqueidentifier NOT NULL,
        [UserId] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Query] nvarchar(1000) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_SavedSearches] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SavedSearches_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_SavedSearches_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE TABLE [SavedSearchMatches] (
        [Id] uniqueidentifier NOT NULL,
        [SavedSearchId] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [NotifiedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_SavedSearchMatches] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SavedSearchMatches_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_SavedSearchMatches_SavedSearches_SavedSearchId] FOREIGN KEY ([SavedSearchId]) REFERENCES [SavedSearches] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE INDEX [IX_LotWatches_LotId_ClosingNoticeSentAt] ON [LotWatches] ([LotId], [ClosingNoticeSentAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE INDEX [IX_LotWatches_OrganizationId] ON [LotWatches] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LotWatches_UserId_LotId] ON [LotWatches] ([UserId], [LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE INDEX [IX_ManifestGroups_LotId_Category_Grade] ON [ManifestGroups] ([LotId], [Category], [Grade]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE INDEX [IX_SavedSearches_OrganizationId] ON [SavedSearches] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE INDEX [IX_SavedSearches_UserId] ON [SavedSearches] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE INDEX [IX_SavedSearchMatches_LotId] ON [SavedSearchMatches] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SavedSearchMatches_SavedSearchId_LotId] ON [SavedSearchMatches] ([SavedSearchId], [LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    INSERT INTO [ManifestGroups] ([LotId],[Category],[Manufacturer],[Model],[Grade],[AueDate],[Devices]) SELECT [LotId],[Category],[Manufacturer],[Model],[Grade],[AueDate],COUNT(*) FROM [Devices] GROUP BY [LotId],[Category],[Manufacturer],[Model],[Grade],[AueDate]
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206122624_Watchlists'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206122624_Watchlists', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206132647_QuotePricedPerDevice'
)
BEGIN
    ALTER TABLE [Quotes] ADD [PerDevice] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206132647_QuotePricedPerDevice'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206132647_QuotePricedPerDevice', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [CollectedBy] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [ExpectedPackages] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [HandOverRecordedBy] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [HandedOverPackages] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [OtherWindowsRequest] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [OtherWindowsRequestedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [PickupConfirmedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [PickupDock] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [PickupInstructions] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [PickupRevision] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [ReleasedBy] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [RemovalDueOn] date NOT NULL DEFAULT '0001-01-01';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [SealNumbers] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    CREATE TABLE [CustodyEvents] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [DeviceId] uniqueidentifier NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Stage] nvarchar(32) NULL,
        [At] datetimeoffset NOT NULL,
        [UserId] uniqueidentifier NULL,
        [ActorName] nvarchar(200) NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Place] nvarchar(300) NULL,
        [Note] nvarchar(500) NULL,
        CONSTRAINT [PK_CustodyEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CustodyEvents_Devices_DeviceId] FOREIGN KEY ([DeviceId]) REFERENCES [Devices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CustodyEvents_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    CREATE TABLE [DeviceScans] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [Stage] nvarchar(32) NOT NULL,
        [DeviceId] uniqueidentifier NULL,
        [RawValue] nvarchar(200) NOT NULL,
        [Value] nvarchar(64) NOT NULL,
        [Box] nvarchar(32) NULL,
        [ScannedAt] datetimeoffset NOT NULL,
        [ScannedByUserId] uniqueidentifier NOT NULL,
        [ScannedBy] nvarchar(200) NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [RemovedAt] datetimeoffset NULL,
        [RemovedByUserId] uniqueidentifier NULL,
        CONSTRAINT [PK_DeviceScans] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DeviceScans_Devices_DeviceId] FOREIGN KEY ([DeviceId]) REFERENCES [Devices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_DeviceScans_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    CREATE TABLE [PickupWindowProposals] (
        [Id] uniqueidentifier NOT NULL,
        [FulfillmentId] uniqueidentifier NOT NULL,
        [Date] date NOT NULL,
        [Starts] time NOT NULL,
        [Ends] time NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [ProposedAt] datetimeoffset NOT NULL,
        [ProposedByUserId] uniqueidentifier NOT NULL,
        [ProposedBy] nvarchar(200) NOT NULL,
        [DecidedAt] datetimeoffset NULL,
        CONSTRAINT [PK_PickupWindowProposals] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PickupWindowProposals_LotFulfillments_FulfillmentId] FOREIGN KEY ([FulfillmentId]) REFERENCES [LotFulfillments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    CREATE INDEX [IX_Devices_LotId_AssetTag] ON [Devices] ([LotId], [AssetTag]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_CustodyEvents_DeviceId_At] ON [CustodyEvents] ([DeviceId], [At]) WHERE [DeviceId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    CREATE INDEX [IX_CustodyEvents_LotId_At] ON [CustodyEvents] ([LotId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    CREATE INDEX [IX_DeviceScans_DeviceId] ON [DeviceScans] ([DeviceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_DeviceScans_LotId_Stage_DeviceId] ON [DeviceScans] ([LotId], [Stage], [DeviceId]) WHERE [DeviceId] IS NOT NULL AND [RemovedAt] IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    CREATE INDEX [IX_DeviceScans_LotId_Stage_ScannedAt] ON [DeviceScans] ([LotId], [Stage], [ScannedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_DeviceScans_LotId_Stage_Value] ON [DeviceScans] ([LotId], [Stage], [Value]) WHERE [DeviceId] IS NULL AND [RemovedAt] IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    CREATE INDEX [IX_PickupWindowProposals_FulfillmentId] ON [PickupWindowProposals] ([FulfillmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    UPDATE [LotFulfillments] SET [RemovalDueOn] = CAST(DATEADD(day, 14, [ReleasedAt]) AS date);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154601_PickupWindowsHandOverAndCustody'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206154601_PickupWindowsHandOverAndCustody', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    DROP INDEX [IX_SanitizationRecords_DeviceId_Attempt] ON [SanitizationRecords];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    DROP INDEX [IX_SanitizationRecords_LotId] ON [SanitizationRecords];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    EXEC sp_rename N'[SanitizationRecords].[Technician]', N'VerificationMethod', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    DECLARE @var19 nvarchar(max);
    SELECT @var19 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[SanitizationRecords]') AND [c].[name] = N'Method');
    IF @var19 IS NOT NULL EXEC(N'ALTER TABLE [SanitizationRecords] DROP CONSTRAINT ' + @var19 + ';');
    ALTER TABLE [SanitizationRecords] ALTER COLUMN [Method] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [BackupLocation] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Confidentiality] nvarchar(50) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [DataBackedUp] nvarchar(32) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Destination] nvarchar(32) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [EscalationReason] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Manufacturer] nvarchar(100) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [MediaSource] nvarchar(50) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [MediaType] nvarchar(32) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [MediumSerial] nvarchar(100) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Model] nvarchar(100) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Performer_Contact] nvarchar(200) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Performer_Location] nvarchar(200) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Performer_Name] nvarchar(200) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Performer_Title] nvarchar(100) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [RepeatReason] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [StandardFollowed] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Status] nvarchar(32) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Technique] nvarchar(32) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [ToolVersion] nvarchar(50) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [ValidatedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [ValidatedByUserId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Validator_Contact] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Validator_Location] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Validator_Name] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Validator_Title] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [VerificationResult] nvarchar(32) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [SanitizationRecords] ADD [Version] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [MediaAccepted] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [MediaRecorded] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [QualityChecksPassed] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [QualitySampleSize] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    CREATE TABLE [QualityChecks] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [RecordId] uniqueidentifier NOT NULL,
        [DrawnAt] datetimeoffset NOT NULL,
        [Result] nvarchar(32) NOT NULL,
        [Checker_Name] nvarchar(200) NULL,
        [Checker_Title] nvarchar(100) NULL,
        [Checker_Location] nvarchar(200) NULL,
        [Checker_Contact] nvarchar(200) NULL,
        [CheckedByUserId] uniqueidentifier NULL,
        [CheckedAt] datetimeoffset NULL,
        [Notes] nvarchar(500) NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_QualityChecks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_QualityChecks_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_QualityChecks_SanitizationRecords_RecordId] FOREIGN KEY ([RecordId]) REFERENCES [SanitizationRecords] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    UPDATE SanitizationRecords SET
        Performer_Name = VerificationMethod, Performer_Title = 'not recorded', Performer_Location = 'not recorded', Performer_Contact = 'not recorded',
        VerificationMethod = 'not recorded (before per-medium records)', MediumSerial = CONCAT('LEGACY-', Attempt),
        MediaType = 'Other', MediaSource = 'not recorded', Technique = 'Other', VerificationResult = 'Passed', Destination = 'Other', DataBackedUp = 'Unknown',
        Status = CASE WHEN EXISTS (SELECT 1 FROM LotFulfillments f WHERE f.LotId = SanitizationRecords.LotId AND f.CertifiedAt IS NOT NULL) THEN 'Accepted' ELSE 'AwaitingValidation' END;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    UPDATE LotFulfillments SET
        MediaRecorded = (SELECT COUNT(*) FROM SanitizationRecords r WHERE r.LotId = LotFulfillments.LotId),
        MediaAccepted = (SELECT COUNT(*) FROM SanitizationRecords r WHERE r.LotId = LotFulfillments.LotId AND r.Status = 'Accepted');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SanitizationRecords_DeviceId_MediumSerial] ON [SanitizationRecords] ([DeviceId], [MediumSerial]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    CREATE INDEX [IX_SanitizationRecords_LotId_Status_RecordedAt] ON [SanitizationRecords] ([LotId], [Status], [RecordedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    CREATE INDEX [IX_QualityChecks_LotId] ON [QualityChecks] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    CREATE UNIQUE INDEX [IX_QualityChecks_RecordId] ON [QualityChecks] ([RecordId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155752_PerMediumSanitization'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206155752_PerMediumSanitization', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161547_CertificateChain'
)
BEGIN
    ALTER TABLE [Certificates] ADD [PreviousSha256] varchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161547_CertificateChain'
)
BEGIN
    ALTER TABLE [Certificates] ADD [Sequence] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161547_CertificateChain'
)
BEGIN
    ALTER TABLE [Certificates] ADD [Sha256] varchar(64) NOT NULL DEFAULT '';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161547_CertificateChain'
)
BEGIN
    EXEC(N'WITH ordered AS (SELECT [Sequence], ROW_NUMBER() OVER (ORDER BY [IssuedAt], [Id]) AS [Place] FROM [Certificates]) UPDATE ordered SET [Sequence] = [Place];')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161547_CertificateChain'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Certificates_Sequence] ON [Certificates] ([Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161547_CertificateChain'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206161547_CertificateChain', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    ALTER TABLE [LotFulfillments] ADD [MissingCount] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    ALTER TABLE [DeviceScans] ADD [Grade] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    ALTER TABLE [DeviceScans] ADD [ReceivedModel] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    CREATE TABLE [LotReconciliations] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [DistrictId] uniqueidentifier NOT NULL,
        [BuyerId] uniqueidentifier NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DeviceCount] int NOT NULL,
        [ReceivedCount] int NOT NULL,
        [DistrictProceeds] decimal(18,2) NOT NULL,
        [ProposedAdjustment] decimal(18,2) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [AgreedAdjustment] decimal(18,2) NULL,
        [DecidedAt] datetimeoffset NULL,
        [DecidedBy] nvarchar(200) NULL,
        [DisputeReason] nvarchar(1000) NULL,
        [ResolvedAt] datetimeoffset NULL,
        [ResolvedBy] nvarchar(200) NULL,
        [ResolutionNote] nvarchar(1000) NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_LotReconciliations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LotReconciliations_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LotReconciliations_Organizations_BuyerId] FOREIGN KEY ([BuyerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LotReconciliations_Organizations_DistrictId] FOREIGN KEY ([DistrictId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    CREATE TABLE [ReconciliationLines] (
        [Id] uniqueidentifier NOT NULL,
        [ReconciliationId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [DeviceId] uniqueidentifier NULL,
        [Serial] nvarchar(200) NOT NULL,
        [DeclaredModel] nvarchar(200) NULL,
        [DeclaredGrade] nvarchar(32) NULL,
        [ReceivedModel] nvarchar(100) NULL,
        [ReceivedGrade] nvarchar(32) NULL,
        [Adjustment] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_ReconciliationLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReconciliationLines_Devices_DeviceId] FOREIGN KEY ([DeviceId]) REFERENCES [Devices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ReconciliationLines_LotReconciliations_ReconciliationId] FOREIGN KEY ([ReconciliationId]) REFERENCES [LotReconciliations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    CREATE INDEX [IX_LotReconciliations_BuyerId] ON [LotReconciliations] ([BuyerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    CREATE INDEX [IX_LotReconciliations_DistrictId] ON [LotReconciliations] ([DistrictId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LotReconciliations_LotId] ON [LotReconciliations] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    CREATE INDEX [IX_LotReconciliations_Status_CreatedAt] ON [LotReconciliations] ([Status], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_ReconciliationLines_DeviceId_Kind] ON [ReconciliationLines] ([DeviceId], [Kind]) WHERE [DeviceId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    CREATE INDEX [IX_ReconciliationLines_ReconciliationId] ON [ReconciliationLines] ([ReconciliationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206180453_ReceivingReconciliation'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206180453_ReceivingReconciliation', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    ALTER TABLE [LedgerTransactions] ADD [CounterpartyId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    ALTER TABLE [LedgerTransactions] ADD [DistrictId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    ALTER TABLE [LedgerEntries] ADD [CounterpartyId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    ALTER TABLE [LedgerEntries] ADD [DistrictId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    ALTER TABLE [LedgerEntries] ADD [FundingSource] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    ALTER TABLE [LedgerEntries] ADD [OccurredAt] datetimeoffset NOT NULL DEFAULT '0001-01-01T00:00:00.0000000+00:00';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    ALTER TABLE [LedgerEntries] ADD [Period] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    EXEC(N'UPDATE t SET
        [DistrictId] = (SELECT l.[DistrictId] FROM [Lots] l WHERE l.[Id] = t.[LotId]),
        [CounterpartyId] = COALESCE(
            (SELECT TOP 1 e.[OrganizationId] FROM [LedgerEntries] e WHERE e.[TransactionId] = t.[Id]
                AND e.[Account] IN (N''BuyerReceivable'', N''BuyerCredits'') AND e.[OrganizationId] IS NOT NULL),
            (SELECT TOP 1 e.[OrganizationId] FROM [LedgerEntries] e WHERE e.[TransactionId] = t.[Id] AND e.[OrganizationId] IS NOT NULL))
    FROM [LedgerTransactions] t');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    EXEC(N'UPDATE e SET
        [OccurredAt] = t.[OccurredAt],
        [Period] = YEAR(SWITCHOFFSET(t.[OccurredAt], ''+00:00'')) * 100 + MONTH(SWITCHOFFSET(t.[OccurredAt], ''+00:00'')),
        [DistrictId] = t.[DistrictId],
        [CounterpartyId] = t.[CounterpartyId],
        [FundingSource] = CASE WHEN e.[Account] IN (N''DistrictPayable'', N''PlatformFeeRevenue'') AND t.[LotId] IS NOT NULL
                AND t.[Source] IN (N''LotSale'', N''LotSaleForfeited'', N''ReceivingAdjustment'')
            THEN COALESCE((SELECT CASE WHEN COUNT(DISTINCT d.[FundingSource]) = 1 THEN MAX(d.[FundingSource]) END
                           FROM [Devices] d WHERE d.[LotId] = t.[LotId]), N''Unknown'')
            END
    FROM [LedgerEntries] e JOIN [LedgerTransactions] t ON t.[Id] = e.[TransactionId]');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    CREATE INDEX [IX_LedgerTransactions_OrderId] ON [LedgerTransactions] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_CounterpartyId_OccurredAt] ON [LedgerEntries] ([CounterpartyId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_DistrictId_OccurredAt] ON [LedgerEntries] ([DistrictId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_OccurredAt_Id] ON [LedgerEntries] ([OccurredAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_RevenueReport] ON [LedgerEntries] ([Account], [FundingSource], [Period], [DistrictId], [CounterpartyId], [Credit], [Debit]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_TrialBalance] ON [LedgerEntries] ([Account], [OccurredAt], [Debit], [Credit]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210234_FinanceDimensions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206210234_FinanceDimensions', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210918_FederalFundingAwards'
)
BEGIN
    ALTER TABLE [Devices] ADD [FundingAwardId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210918_FederalFundingAwards'
)
BEGIN
    CREATE TABLE [FundingAwards] (
        [Id] uniqueidentifier NOT NULL,
        [DistrictId] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [AwardDate] date NOT NULL,
        [FederalPercent] decimal(5,2) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_FundingAwards] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_FundingAwards_Organizations_DistrictId] FOREIGN KEY ([DistrictId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210918_FederalFundingAwards'
)
BEGIN
    CREATE INDEX [IX_Devices_FundingAwardId] ON [Devices] ([FundingAwardId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210918_FederalFundingAwards'
)
BEGIN
    CREATE UNIQUE INDEX [IX_FundingAwards_DistrictId_Name] ON [FundingAwards] ([DistrictId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210918_FederalFundingAwards'
)
BEGIN
    ALTER TABLE [Devices] ADD CONSTRAINT [FK_Devices_FundingAwards_FundingAwardId] FOREIGN KEY ([FundingAwardId]) REFERENCES [FundingAwards] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210918_FederalFundingAwards'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206210918_FederalFundingAwards', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [Sales] ADD [FeeScheduleId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [Organizations] ADD [NetTermsDays] int NOT NULL DEFAULT 30;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [Orders] ADD [FeeScheduleId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [Orders] ADD [StorefrontCommission] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [Orders] ADD [StorefrontCommissionRate] decimal(9,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [Invoices] ADD [AmountReceived] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [Invoices] ADD [NetTermsDays] int NOT NULL DEFAULT 30;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [Invoices] ADD [ReceivedOn] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [FeeSchedules] ADD [CreatedBy] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [FeeSchedules] ADD [EffectiveFrom] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [FeeSchedules] ADD [MinimumBuyerPremium] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [FeeSchedules] ADD [MinimumSellerCommission] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [FeeSchedules] ADD [MinimumStorefrontCommission] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [FeeSchedules] ADD [Reason] nvarchar(400) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    CREATE TABLE [InvoiceReminders] (
        [Id] uniqueidentifier NOT NULL,
        [InvoiceId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [SentAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_InvoiceReminders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_InvoiceReminders_Invoices_InvoiceId] FOREIGN KEY ([InvoiceId]) REFERENCES [Invoices] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    EXEC(N'UPDATE [FeeSchedules] SET [CreatedBy] = NULL, [EffectiveFrom] = NULL, [MinimumBuyerPremium] = 0.0, [MinimumSellerCommission] = 0.0, [MinimumStorefrontCommission] = 0.0, [Reason] = NULL
    WHERE [Id] = 1;
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    CREATE INDEX [IX_Sales_FeeScheduleId] ON [Sales] ([FeeScheduleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    CREATE INDEX [IX_Orders_FeeScheduleId] ON [Orders] ([FeeScheduleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    CREATE INDEX [IX_Invoices_Status_DueOn] ON [Invoices] ([Status], [DueOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    CREATE UNIQUE INDEX [IX_InvoiceReminders_InvoiceId_Kind] ON [InvoiceReminders] ([InvoiceId], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    EXEC(N'UPDATE [Sales] SET [FeeScheduleId] = 1 WHERE [HammerPrice] IS NOT NULL;')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    EXEC(N'UPDATE [Orders] SET [FeeScheduleId] = 1;')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [Orders] ADD CONSTRAINT [FK_Orders_FeeSchedules_FeeScheduleId] FOREIGN KEY ([FeeScheduleId]) REFERENCES [FeeSchedules] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    ALTER TABLE [Sales] ADD CONSTRAINT [FK_Sales_FeeSchedules_FeeScheduleId] FOREIGN KEY ([FeeScheduleId]) REFERENCES [FeeSchedules] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233307_PurchaseTermsRemindersFeeVersions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206233307_PurchaseTermsRemindersFeeVersions', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    DROP INDEX [IX_Listings_SellerId] ON [Listings];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [AueDate] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [BatteryHealthPercent] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [Cpu] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [Functional] nvarchar(32) NOT NULL DEFAULT N'Working';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [Manufacturer] nvarchar(100) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [Model] nvarchar(120) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [PausedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [RamGb] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [ScreenInches] decimal(4,1) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [StorageGb] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [Tier1MinQuantity] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [Tier1Price] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [Tier2MinQuantity] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    ALTER TABLE [Listings] ADD [Tier2Price] decimal(18,2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    CREATE TABLE [CatalogRevisions] (
        [Id] int NOT NULL,
        [Stamp] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_CatalogRevisions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Stamp') AND [object_id] = OBJECT_ID(N'[CatalogRevisions]'))
        SET IDENTITY_INSERT [CatalogRevisions] ON;
    EXEC(N'INSERT INTO [CatalogRevisions] ([Id], [Stamp])
    VALUES (1, ''00000000-0000-0000-0000-000000000000'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Stamp') AND [object_id] = OBJECT_ID(N'[CatalogRevisions]'))
        SET IDENTITY_INSERT [CatalogRevisions] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    CREATE INDEX [IX_Listings_SellerId_CreatedAt] ON [Listings] ([SellerId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206233733_StorefrontCatalog'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206233733_StorefrontCatalog', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Payouts] ADD [AmountReversed] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Payouts] ADD [TransferConfirmedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Organizations] ADD [StripeAccountCheckedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Organizations] ADD [StripeChargesEnabled] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Organizations] ADD [StripePayoutFailure] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Organizations] ADD [StripePayoutsEnabled] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Organizations] ADD [StripeRequirementsDue] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [LotSettlements] ADD [HeldAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [LotSettlements] ADD [HoldReason] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Invoices] ADD [DisputeId] nvarchar(128) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Invoices] ADD [DisputeStatus] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Invoices] ADD [FailedCardAttempts] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Invoices] ADD [LastPaymentFailure] nvarchar(300) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Invoices] ADD [RefundedAmount] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Invoices] ADD [StripeChargeId] nvarchar(128) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    ALTER TABLE [Invoices] ADD [StripePaymentIntentId] nvarchar(128) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    CREATE TABLE [ParkedStripeEvents] (
        [Id] uniqueidentifier NOT NULL,
        [EventId] nvarchar(128) NOT NULL,
        [Type] nvarchar(64) NOT NULL,
        [ChargeId] nvarchar(128) NULL,
        [PaymentIntentId] nvarchar(128) NULL,
        [Json] nvarchar(max) NOT NULL,
        [ParkedAt] datetimeoffset NOT NULL,
        [AppliedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ParkedStripeEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    CREATE INDEX [IX_Organizations_StripeAccountId] ON [Organizations] ([StripeAccountId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    CREATE INDEX [IX_Invoices_StripeChargeId] ON [Invoices] ([StripeChargeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    CREATE INDEX [IX_Invoices_StripePaymentIntentId] ON [Invoices] ([StripePaymentIntentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    CREATE INDEX [IX_ParkedStripeEvents_ChargeId] ON [ParkedStripeEvents] ([ChargeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ParkedStripeEvents_EventId] ON [ParkedStripeEvents] ([EventId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    CREATE INDEX [IX_ParkedStripeEvents_PaymentIntentId] ON [ParkedStripeEvents] ([PaymentIntentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206234411_StripeMoneyEvents'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206234411_StripeMoneyEvents', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207021311_CatalogSequence'
)
BEGIN
    ALTER TABLE [Listings] ADD [CatalogSequence] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207021311_CatalogSequence'
)
BEGIN
    ALTER TABLE [CatalogRevisions] ADD [Sequence] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207021311_CatalogSequence'
)
BEGIN
    EXEC(N'UPDATE [CatalogRevisions] SET [Sequence] = CAST(0 AS bigint)
    WHERE [Id] = 1;
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207021311_CatalogSequence'
)
BEGIN
    CREATE INDEX [IX_Listings_CatalogSequence] ON [Listings] ([CatalogSequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207021311_CatalogSequence'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207021311_CatalogSequence', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022118_StorefrontStockUnitsAndPhotos'
)
BEGIN
    ALTER TABLE [Listings] ADD [IsSerialized] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022118_StorefrontStockUnitsAndPhotos'
)
BEGIN
    ALTER TABLE [Listings] ADD [SellerSku] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022118_StorefrontStockUnitsAndPhotos'
)
BEGIN
    CREATE TABLE [ListingPhotos] (
        [Id] uniqueidentifier NOT NULL,
        [ListingId] uniqueidentifier NOT NULL,
        [FileName] nvarchar(255) NOT NULL,
        [ContentType] nvarchar(32) NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [Thumbnail] varbinary(max) NOT NULL,
        [Width] int NOT NULL,
        [Height] int NOT NULL,
        [AltText] nvarchar(200) NOT NULL,
        [UploadedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ListingPhotos] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ListingPhotos_Listings_ListingId] FOREIGN KEY ([ListingId]) REFERENCES [Listings] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022118_StorefrontStockUnitsAndPhotos'
)
BEGIN
    CREATE TABLE [ListingUnits] (
        [Id] uniqueidentifier NOT NULL,
        [ListingId] uniqueidentifier NOT NULL,
        [DeviceId] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [Serial] nvarchar(64) NOT NULL,
        [Model] nvarchar(200) NOT NULL,
        [ModelYear] int NULL,
        [AueDate] date NULL,
        [BatteryHealthPercent] int NULL,
        [CertificateId] uniqueidentifier NOT NULL,
        [CertificateCode] nvarchar(64) NOT NULL,
        [StockedAt] datetimeoffset NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [SoldOrderId] uniqueidentifier NULL,
        [SoldAt] datetimeoffset NULL,
        CONSTRAINT [PK_ListingUnits] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ListingUnits_Certificates_CertificateId] FOREIGN KEY ([CertificateId]) REFERENCES [Certificates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ListingUnits_Devices_DeviceId] FOREIGN KEY ([DeviceId]) REFERENCES [Devices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ListingUnits_Listings_ListingId] FOREIGN KEY ([ListingId]) REFERENCES [Listings] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022118_StorefrontStockUnitsAndPhotos'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Listings_SellerId_SellerSku] ON [Listings] ([SellerId], [SellerSku]) WHERE [SellerSku] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022118_StorefrontStockUnitsAndPhotos'
)
BEGIN
    CREATE INDEX [IX_ListingPhotos_ListingId_UploadedAt] ON [ListingPhotos] ([ListingId], [UploadedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022118_StorefrontStockUnitsAndPhotos'
)
BEGIN
    CREATE INDEX [IX_ListingUnits_CertificateId] ON [ListingUnits] ([CertificateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022118_StorefrontStockUnitsAndPhotos'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ListingUnits_DeviceId] ON [ListingUnits] ([DeviceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022118_StorefrontStockUnitsAndPhotos'
)
BEGIN
    CREATE INDEX [IX_ListingUnits_ListingId_Status] ON [ListingUnits] ([ListingId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022118_StorefrontStockUnitsAndPhotos'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207022118_StorefrontStockUnitsAndPhotos', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    ALTER TABLE [Orders] ADD [SalesTax] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    ALTER TABLE [Orders] ADD [SalesTaxRate] decimal(9,6) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    ALTER TABLE [Orders] ADD [ShipToSiteId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    ALTER TABLE [Orders] ADD [ShipToState] nvarchar(2) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    ALTER TABLE [Orders] ADD [ShippingTaxed] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    ALTER TABLE [Orders] ADD [TaxExemptCertificateId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    ALTER TABLE [Orders] ADD [TaxExemption] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    CREATE TABLE [SalesTaxRates] (
        [Id] int NOT NULL IDENTITY,
        [State] nvarchar(2) NOT NULL,
        [Rate] decimal(9,6) NOT NULL,
        [TaxesShipping] bit NOT NULL,
        [EffectiveOn] date NOT NULL,
        [SetAt] datetimeoffset NOT NULL,
        [SetBy] nvarchar(200) NOT NULL,
        [Reason] nvarchar(400) NULL,
        CONSTRAINT [PK_SalesTaxRates] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    CREATE TABLE [ShippingSites] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Name] nvarchar(120) NOT NULL,
        [Attention] nvarchar(120) NULL,
        [Street1] nvarchar(200) NOT NULL,
        [Street2] nvarchar(200) NULL,
        [City] nvarchar(100) NOT NULL,
        [State] nvarchar(2) NOT NULL,
        [PostalCode] nvarchar(10) NOT NULL,
        [RetiredAt] datetimeoffset NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_ShippingSites] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ShippingSites_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    CREATE INDEX [IX_SalesTaxRates_State_EffectiveOn] ON [SalesTaxRates] ([State], [EffectiveOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    CREATE INDEX [IX_ShippingSites_OrganizationId_Name] ON [ShippingSites] ([OrganizationId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022234_ShipToSitesAndSalesTax'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207022234_ShipToSitesAndSalesTax', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022245_BuyerDisputesAndLedgerTotals'
)
BEGIN
    CREATE TABLE [BuyerDisputes] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(16) NOT NULL,
        [InvoiceId] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NULL,
        [OrderId] uniqueidentifier NULL,
        [BuyerId] uniqueidentifier NOT NULL,
        [SellerId] uniqueidentifier NOT NULL,
        [Reason] nvarchar(32) NOT NULL,
        [Details] nvarchar(2000) NOT NULL,
        [AmountClaimed] decimal(18,2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [OpenedAt] datetimeoffset NOT NULL,
        [OpenedBy] nvarchar(200) NOT NULL,
        [State] nvarchar(32) NOT NULL,
        [Outcome] nvarchar(32) NULL,
        [RefundAmount] decimal(18,2) NOT NULL,
        [ResolutionNote] nvarchar(1000) NULL,
        [ResolvedAt] datetimeoffset NULL,
        [ResolvedBy] nvarchar(200) NULL,
        [StripeRefundId] nvarchar(128) NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_BuyerDisputes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_BuyerDisputes_Invoices_InvoiceId] FOREIGN KEY ([InvoiceId]) REFERENCES [Invoices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_BuyerDisputes_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_BuyerDisputes_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_BuyerDisputes_Organizations_BuyerId] FOREIGN KEY ([BuyerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_BuyerDisputes_Organizations_SellerId] FOREIGN KEY ([SellerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022245_BuyerDisputesAndLedgerTotals'
)
BEGIN
    CREATE TABLE [LedgerMonthlyTotals] (
        [Account] nvarchar(32) NOT NULL,
        [Period] int NOT NULL,
        [DistrictId] uniqueidentifier NOT NULL,
        [Funding] nvarchar(32) NOT NULL,
        [Debit] decimal(18,2) NOT NULL,
        [Credit] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_LedgerMonthlyTotals] PRIMARY KEY ([Account], [Period], [DistrictId], [Funding])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022245_BuyerDisputesAndLedgerTotals'
)
BEGIN
    CREATE INDEX [IX_BuyerDisputes_BuyerId] ON [BuyerDisputes] ([BuyerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022245_BuyerDisputesAndLedgerTotals'
)
BEGIN
    CREATE INDEX [IX_BuyerDisputes_InvoiceId] ON [BuyerDisputes] ([InvoiceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022245_BuyerDisputesAndLedgerTotals'
)
BEGIN
    CREATE INDEX [IX_BuyerDisputes_LotId] ON [BuyerDisputes] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022245_BuyerDisputesAndLedgerTotals'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BuyerDisputes_Number] ON [BuyerDisputes] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022245_BuyerDisputesAndLedgerTotals'
)
BEGIN
    CREATE INDEX [IX_BuyerDisputes_OrderId] ON [BuyerDisputes] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022245_BuyerDisputesAndLedgerTotals'
)
BEGIN
    CREATE INDEX [IX_BuyerDisputes_SellerId] ON [BuyerDisputes] ([SellerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022245_BuyerDisputesAndLedgerTotals'
)
BEGIN
    CREATE INDEX [IX_BuyerDisputes_State_OpenedAt] ON [BuyerDisputes] ([State], [OpenedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207022245_BuyerDisputesAndLedgerTotals'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207022245_BuyerDisputesAndLedgerTotals', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    DROP INDEX [IX_Orders_SellerId] ON [Orders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    ALTER TABLE [Orders] ADD [DeliveredAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    ALTER TABLE [Orders] ADD [ShippedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE TABLE [ReturnRequests] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(16) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [OrderLineId] uniqueidentifier NOT NULL,
        [ListingId] uniqueidentifier NOT NULL,
        [BuyerId] uniqueidentifier NOT NULL,
        [SellerId] uniqueidentifier NOT NULL,
        [RequestedByUserId] uniqueidentifier NOT NULL,
        [RequestedAt] datetimeoffset NOT NULL,
        [Quantity] int NOT NULL,
        [Serials] nvarchar(max) NOT NULL,
        [Reason] nvarchar(32) NOT NULL,
        [Details] nvarchar(2000) NULL,
        [UnitPrice] decimal(18,2) NOT NULL,
        [SellerAnswerDue] datetimeoffset NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [DecidedAt] datetimeoffset NULL,
        [DecidedByUserId] uniqueidentifier NULL,
        [DecidedByPlatform] bit NOT NULL,
        [Instructions] nvarchar(2000) NULL,
        [DeclineReason] nvarchar(2000) NULL,
        [Outcome] nvarchar(32) NULL,
        [RefundAmount] decimal(18,2) NULL,
        [ResolvedAt] datetimeoffset NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_ReturnRequests] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReturnRequests_OrderLines_OrderLineId] FOREIGN KEY ([OrderLineId]) REFERENCES [OrderLines] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ReturnRequests_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE TABLE [Shipments] (
        [Id] uniqueidentifier NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [Sequence] int NOT NULL,
        [Carrier] nvarchar(32) NOT NULL,
        [CarrierName] nvarchar(60) NULL,
        [TrackingNumber] nvarchar(40) NOT NULL,
        [ShippedByUserId] uniqueidentifier NOT NULL,
        [ShippedAt] datetimeoffset NOT NULL,
        [DeliveredAt] datetimeoffset NULL,
        [DeliveryConfirmedBy] nvarchar(32) NULL,
        [DeliveryConfirmedByUserId] uniqueidentifier NULL,
        CONSTRAINT [PK_Shipments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Shipments_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE TABLE [ShipmentLine] (
        [Id] uniqueidentifier NOT NULL,
        [ShipmentId] uniqueidentifier NOT NULL,
        [OrderLineId] uniqueidentifier NOT NULL,
        [Quantity] int NOT NULL,
        [Serials] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_ShipmentLine] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ShipmentLine_OrderLines_OrderLineId] FOREIGN KEY ([OrderLineId]) REFERENCES [OrderLines] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ShipmentLine_Shipments_ShipmentId] FOREIGN KEY ([ShipmentId]) REFERENCES [Shipments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE INDEX [IX_Orders_SellerId_ShippedAt_DeliveredAt] ON [Orders] ([SellerId], [ShippedAt], [DeliveredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE INDEX [IX_ReturnRequests_BuyerId_RequestedAt] ON [ReturnRequests] ([BuyerId], [RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ReturnRequests_Number] ON [ReturnRequests] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE INDEX [IX_ReturnRequests_OrderId] ON [ReturnRequests] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE INDEX [IX_ReturnRequests_OrderLineId] ON [ReturnRequests] ([OrderLineId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE INDEX [IX_ReturnRequests_SellerId_RequestedAt] ON [ReturnRequests] ([SellerId], [RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE INDEX [IX_ReturnRequests_Status_SellerAnswerDue] ON [ReturnRequests] ([Status], [SellerAnswerDue]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE INDEX [IX_ShipmentLine_OrderLineId] ON [ShipmentLine] ([OrderLineId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE INDEX [IX_ShipmentLine_ShipmentId] ON [ShipmentLine] ([ShipmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Shipments_OrderId_Sequence] ON [Shipments] ([OrderId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207025013_OrderShipmentsAndReturns'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207025013_OrderShipmentsAndReturns', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207051546_BuyerRefundsOwed'
)
BEGIN
    CREATE TABLE [BuyerRefunds] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(16) NOT NULL,
        [PayerId] uniqueidentifier NOT NULL,
        [InvoiceId] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NULL,
        [OrderId] uniqueidentifier NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Reason] nvarchar(300) NOT NULL,
        [PostingKey] nvarchar(128) NOT NULL,
        [OwedSince] datetimeoffset NOT NULL,
        [SentBy] nvarchar(32) NULL,
        [SentReference] nvarchar(128) NULL,
        [SentAt] datetimeoffset NULL,
        [RecordedBy] nvarchar(200) NULL,
        CONSTRAINT [PK_BuyerRefunds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_BuyerRefunds_Invoices_InvoiceId] FOREIGN KEY ([InvoiceId]) REFERENCES [Invoices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_BuyerRefunds_Organizations_PayerId] FOREIGN KEY ([PayerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207051546_BuyerRefundsOwed'
)
BEGIN
    CREATE INDEX [IX_BuyerRefunds_InvoiceId] ON [BuyerRefunds] ([InvoiceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207051546_BuyerRefundsOwed'
)
BEGIN
    CREATE INDEX [IX_BuyerRefunds_LotId] ON [BuyerRefunds] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207051546_BuyerRefundsOwed'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BuyerRefunds_Number] ON [BuyerRefunds] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207051546_BuyerRefundsOwed'
)
BEGIN
    CREATE INDEX [IX_BuyerRefunds_OrderId] ON [BuyerRefunds] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207051546_BuyerRefundsOwed'
)
BEGIN
    CREATE INDEX [IX_BuyerRefunds_PayerId] ON [BuyerRefunds] ([PayerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207051546_BuyerRefundsOwed'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BuyerRefunds_PostingKey] ON [BuyerRefunds] ([PostingKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207051546_BuyerRefundsOwed'
)
BEGIN
    CREATE INDEX [IX_BuyerRefunds_SentAt_OwedSince] ON [BuyerRefunds] ([SentAt], [OwedSince]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207051546_BuyerRefundsOwed'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207051546_BuyerRefundsOwed', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207060359_StorefrontSellerPayouts'
)
BEGIN
    DROP INDEX [IX_Payouts_LotId] ON [Payouts];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207060359_StorefrontSellerPayouts'
)
BEGIN
    DECLARE @var20 nvarchar(max);
    SELECT @var20 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Payouts]') AND [c].[name] = N'LotId');
    IF @var20 IS NOT NULL EXEC(N'ALTER TABLE [Payouts] DROP CONSTRAINT ' + @var20 + ';');
    ALTER TABLE [Payouts] ALTER COLUMN [LotId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207060359_StorefrontSellerPayouts'
)
BEGIN
    ALTER TABLE [Payouts] ADD [OrderId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207060359_StorefrontSellerPayouts'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Payouts_LotId] ON [Payouts] ([LotId]) WHERE [LotId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207060359_StorefrontSellerPayouts'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Payouts_OrderId] ON [Payouts] ([OrderId]) WHERE [OrderId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207060359_StorefrontSellerPayouts'
)
BEGIN
    ALTER TABLE [Payouts] ADD CONSTRAINT [FK_Payouts_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207060359_StorefrontSellerPayouts'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207060359_StorefrontSellerPayouts', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061656_ReturnPhotos'
)
BEGIN
    CREATE TABLE [ReturnPhotos] (
        [Id] uniqueidentifier NOT NULL,
        [ReturnRequestId] uniqueidentifier NOT NULL,
        [FileName] nvarchar(255) NOT NULL,
        [ContentType] nvarchar(32) NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [Thumbnail] varbinary(max) NOT NULL,
        [Width] int NOT NULL,
        [Height] int NOT NULL,
        [UploadedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ReturnPhotos] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReturnPhotos_ReturnRequests_ReturnRequestId] FOREIGN KEY ([ReturnRequestId]) REFERENCES [ReturnRequests] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061656_ReturnPhotos'
)
BEGIN
    CREATE INDEX [IX_ReturnPhotos_ReturnRequestId_UploadedAt] ON [ReturnPhotos] ([ReturnRequestId], [UploadedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061656_ReturnPhotos'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207061656_ReturnPhotos', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063030_ReturnSalesTaxOnUnits'
)
BEGIN
    ALTER TABLE [ReturnRequests] ADD [SalesTaxOnUnits] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063030_ReturnSalesTaxOnUnits'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207063030_ReturnSalesTaxOnUnits', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207130923_OutboxPendingIndex'
)
BEGIN
    DROP INDEX [IX_OutboxMessages_CompletedAt_DueAt] ON [OutboxMessages];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207130923_OutboxPendingIndex'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_OutboxMessages_CompletedAt] ON [OutboxMessages] ([CompletedAt]) WHERE [CompletedAt] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207130923_OutboxPendingIndex'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_OutboxMessages_Pending] ON [OutboxMessages] ([DueAt]) WHERE [CompletedAt] IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207130923_OutboxPendingIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207130923_OutboxPendingIndex', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207201816_ReturnPhotoPosition'
)
BEGIN
    DROP INDEX [IX_ReturnPhotos_ReturnRequestId_UploadedAt] ON [ReturnPhotos];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207201816_ReturnPhotoPosition'
)
BEGIN
    ALTER TABLE [ReturnPhotos] ADD [Position] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207201816_ReturnPhotoPosition'
)
BEGIN
    CREATE INDEX [IX_ReturnPhotos_ReturnRequestId_Position] ON [ReturnPhotos] ([ReturnRequestId], [Position]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207201816_ReturnPhotoPosition'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207201816_ReturnPhotoPosition', N'10.0.14');
END;

COMMIT;
GO

