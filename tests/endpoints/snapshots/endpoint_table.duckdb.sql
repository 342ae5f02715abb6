WITH "t30" AS (
  SELECT
    "t22"."patient_id",
    MIN("t22"."day") AS "first_transfusion_day"
  FROM (
    SELECT
      "t7"."patient_id",
      "t7"."day"
    FROM "transfusions" AS "t7"
    WHERE
      "t7"."product" = 'platelets' AND "t7"."day" >= 0
  ) AS "t22"
  GROUP BY
    1
), "t41" AS (
  SELECT
    "t17"."patient_id",
    "t17"."day",
    MIN(CASE WHEN "t17"."qualifier" = '<' THEN 0.0 ELSE "t17"."value" END) AS "value"
  FROM (
    SELECT
      *
    FROM "labs" AS "t3"
    WHERE
      "t3"."analyte" = 'plt' AND "t3"."day" >= 0
  ) AS "t17"
  GROUP BY
    1,
    2
), "t47" AS (
  SELECT
    "t35"."patient_id"
  FROM "t30" AS "t35"
), "t62" AS (
  SELECT
    "t40"."patient_id",
    "t40"."day",
    COALESCE(
      "t40"."anc",
      (
        "t40"."wbc" * (
          "t40"."seg" + COALESCE("t40"."bands", 0.0)
        )
      ) / 100.0
    ) AS "value"
  FROM (
    SELECT
      "t16"."patient_id",
      "t16"."day",
      MIN(CASE WHEN "t16"."qualifier" = '<' THEN 0.0 ELSE "t16"."value" END) FILTER(WHERE
        "t16"."analyte" = 'anc') AS "anc",
      MIN(CASE WHEN "t16"."qualifier" = '<' THEN 0.0 ELSE "t16"."value" END) FILTER(WHERE
        "t16"."analyte" = 'wbc') AS "wbc",
      MIN(CASE WHEN "t16"."qualifier" = '<' THEN 0.0 ELSE "t16"."value" END) FILTER(WHERE
        "t16"."analyte" = 'neut_pct') AS "seg",
      MAX(CASE WHEN "t16"."qualifier" = '<' THEN 0.0 ELSE "t16"."value" END) FILTER(WHERE
        "t16"."analyte" = 'bands_pct') AS "bands"
    FROM (
      SELECT
        *
      FROM "labs" AS "t3"
      WHERE
        "t3"."analyte" IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND "t3"."day" >= 0
    ) AS "t16"
    GROUP BY
      1,
      2
  ) AS "t40"
), "t70" AS (
  SELECT
    "t56"."patient_id",
    "t56"."day",
    "t56"."value",
    "t56"."meets",
    "t56"."meets"
    AND COALESCE(
      LEAD("t56"."meets", 1) OVER (
        PARTITION BY "t56"."patient_id"
        ORDER BY "t56"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t56"."meets", 2) OVER (
        PARTITION BY "t56"."patient_id"
        ORDER BY "t56"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    ) AS "run_start",
    SUM(CASE WHEN "t56"."meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t56"."patient_id"
      ORDER BY "t56"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "failed_before"
  FROM (
    SELECT
      "t46"."patient_id",
      "t46"."day",
      "t46"."value",
      "t46"."value" >= 20.0 AS "meets"
    FROM "t41" AS "t46"
  ) AS "t56"
), "t71" AS (
  SELECT
    "t57"."patient_id",
    "t57"."day",
    "t57"."value",
    "t57"."meets",
    "t57"."meets"
    AND COALESCE(
      LEAD("t57"."meets", 1) OVER (
        PARTITION BY "t57"."patient_id"
        ORDER BY "t57"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t57"."meets", 2) OVER (
        PARTITION BY "t57"."patient_id"
        ORDER BY "t57"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    ) AS "run_start",
    SUM(CASE WHEN "t57"."meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t57"."patient_id"
      ORDER BY "t57"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "failed_before"
  FROM (
    SELECT
      "t46"."patient_id",
      "t46"."day",
      "t46"."value",
      "t46"."value" >= 50.0 AS "meets"
    FROM "t41" AS "t46"
  ) AS "t57"
), "t88" AS (
  SELECT
    "t75"."patient_id",
    BOOL_OR(CAST(NOT (
      "t75"."meets"
    ) AS BOOLEAN)) AS "fell"
  FROM "t70" AS "t75"
  GROUP BY
    1
), "t89" AS (
  SELECT
    "t76"."patient_id",
    BOOL_OR(CAST(NOT (
      "t76"."meets"
    ) AS BOOLEAN)) AS "fell"
  FROM "t71" AS "t76"
  GROUP BY
    1
), "t107" AS (
  SELECT
    "t92"."patient_id",
    MIN("t92"."day") FILTER(WHERE
      "t92"."run_start" AND "t92"."failed_before") AS "day",
    BOOL_OR(CAST(NOT (
      "t92"."meets"
    ) AS BOOLEAN)) AS "applicable"
  FROM (
    SELECT
      "t68"."patient_id",
      "t68"."day",
      "t68"."value",
      "t68"."meets",
      "t68"."meets"
      AND COALESCE(
        LEAD("t68"."meets", 1) OVER (
          PARTITION BY "t68"."patient_id"
          ORDER BY "t68"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      )
      AND COALESCE(
        LEAD("t68"."meets", 2) OVER (
          PARTITION BY "t68"."patient_id"
          ORDER BY "t68"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      ) AS "run_start",
      SUM(CASE WHEN "t68"."meets" THEN 0 ELSE 1 END) OVER (
        PARTITION BY "t68"."patient_id"
        ORDER BY "t68"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) > 0 AS "failed_before"
    FROM (
      SELECT
        "t64"."patient_id",
        "t64"."day",
        "t64"."value",
        "t64"."value" >= 0.5 AS "meets"
      FROM "t62" AS "t64"
      WHERE
        "t64"."value" IS NOT NULL
    ) AS "t68"
  ) AS "t92"
  GROUP BY
    1
)
SELECT
  "t172"."patient_id",
  "t172"."arm",
  "t172"."modality",
  CASE
    WHEN "t172"."neutrophil_engraftment_applicable"
    THEN CASE
      WHEN (
        "t172"."neutrophil_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t172"."engraftment_competing_day" IS NULL
        )
        OR (
          "t172"."neutrophil_engraftment_event_day" <= "t172"."engraftment_competing_day"
        )
      )
      THEN "t172"."neutrophil_engraftment_event_day"
      WHEN "t172"."engraftment_competing_day" IS NOT NULL
      THEN "t172"."engraftment_competing_day"
      ELSE "t172"."censor_day"
    END
    ELSE CAST(NULL AS BIGINT)
  END AS "neutrophil_engraftment_day",
  CASE
    WHEN "t172"."neutrophil_engraftment_applicable"
    THEN CAST(CASE
      WHEN (
        "t172"."neutrophil_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t172"."engraftment_competing_day" IS NULL
        )
        OR (
          "t172"."neutrophil_engraftment_event_day" <= "t172"."engraftment_competing_day"
        )
      )
      THEN 1
      WHEN "t172"."engraftment_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT)
    ELSE CAST(NULL AS BIGINT)
  END AS "neutrophil_engraftment_status",
  "t172"."neutrophil_engraftment_applicable",
  CASE
    WHEN "t172"."platelet_engraftment_applicable"
    THEN CASE
      WHEN (
        "t172"."platelet_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t172"."engraftment_competing_day" IS NULL
        )
        OR (
          "t172"."platelet_engraftment_event_day" <= "t172"."engraftment_competing_day"
        )
      )
      THEN "t172"."platelet_engraftment_event_day"
      WHEN "t172"."engraftment_competing_day" IS NOT NULL
      THEN "t172"."engraftment_competing_day"
      ELSE "t172"."censor_day"
    END
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet_engraftment_day",
  CASE
    WHEN "t172"."platelet_engraftment_applicable"
    THEN CAST(CASE
      WHEN (
        "t172"."platelet_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t172"."engraftment_competing_day" IS NULL
        )
        OR (
          "t172"."platelet_engraftment_event_day" <= "t172"."engraftment_competing_day"
        )
      )
      THEN 1
      WHEN "t172"."engraftment_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT)
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet_engraftment_status",
  "t172"."platelet_engraftment_applicable",
  CASE
    WHEN "t172"."platelet50_engraftment_applicable"
    THEN CASE
      WHEN (
        "t172"."platelet50_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t172"."engraftment_competing_day" IS NULL
        )
        OR (
          "t172"."platelet50_engraftment_event_day" <= "t172"."engraftment_competing_day"
        )
      )
      THEN "t172"."platelet50_engraftment_event_day"
      WHEN "t172"."engraftment_competing_day" IS NOT NULL
      THEN "t172"."engraftment_competing_day"
      ELSE "t172"."censor_day"
    END
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet50_engraftment_day",
  CASE
    WHEN "t172"."platelet50_engraftment_applicable"
    THEN CAST(CASE
      WHEN (
        "t172"."platelet50_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t172"."engraftment_competing_day" IS NULL
        )
        OR (
          "t172"."platelet50_engraftment_event_day" <= "t172"."engraftment_competing_day"
        )
      )
      THEN 1
      WHEN "t172"."engraftment_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT)
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet50_engraftment_status",
  "t172"."platelet50_engraftment_applicable",
  CASE
    WHEN (
      "t172"."agvhd_2_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."gvhd_competing_day" IS NULL
      )
      OR (
        "t172"."agvhd_2_4_event_day" <= "t172"."gvhd_competing_day"
      )
    )
    THEN "t172"."agvhd_2_4_event_day"
    WHEN "t172"."gvhd_competing_day" IS NOT NULL
    THEN "t172"."gvhd_competing_day"
    ELSE "t172"."censor_day"
  END AS "agvhd_2_4_day",
  CAST(CASE
    WHEN (
      "t172"."agvhd_2_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."gvhd_competing_day" IS NULL
      )
      OR (
        "t172"."agvhd_2_4_event_day" <= "t172"."gvhd_competing_day"
      )
    )
    THEN 1
    WHEN "t172"."gvhd_competing_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "agvhd_2_4_status",
  CASE
    WHEN (
      "t172"."agvhd_3_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."gvhd_competing_day" IS NULL
      )
      OR (
        "t172"."agvhd_3_4_event_day" <= "t172"."gvhd_competing_day"
      )
    )
    THEN "t172"."agvhd_3_4_event_day"
    WHEN "t172"."gvhd_competing_day" IS NOT NULL
    THEN "t172"."gvhd_competing_day"
    ELSE "t172"."censor_day"
  END AS "agvhd_3_4_day",
  CAST(CASE
    WHEN (
      "t172"."agvhd_3_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."gvhd_competing_day" IS NULL
      )
      OR (
        "t172"."agvhd_3_4_event_day" <= "t172"."gvhd_competing_day"
      )
    )
    THEN 1
    WHEN "t172"."gvhd_competing_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "agvhd_3_4_status",
  CASE
    WHEN (
      "t172"."cgvhd_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."gvhd_competing_day" IS NULL
      )
      OR (
        "t172"."cgvhd_event_day" <= "t172"."gvhd_competing_day"
      )
    )
    THEN "t172"."cgvhd_event_day"
    WHEN "t172"."gvhd_competing_day" IS NOT NULL
    THEN "t172"."gvhd_competing_day"
    ELSE "t172"."censor_day"
  END AS "cgvhd_day",
  CAST(CASE
    WHEN (
      "t172"."cgvhd_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."gvhd_competing_day" IS NULL
      )
      OR (
        "t172"."cgvhd_event_day" <= "t172"."gvhd_competing_day"
      )
    )
    THEN 1
    WHEN "t172"."gvhd_competing_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "cgvhd_status",
  CASE
    WHEN (
      "t172"."relapse_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."relapse_day" <= "t172"."death_day"
      )
    )
    THEN "t172"."relapse_day"
    WHEN "t172"."death_day" IS NOT NULL
    THEN "t172"."death_day"
    ELSE "t172"."censor_day"
  END AS "relapse_day",
  CAST(CASE
    WHEN (
      "t172"."relapse_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."relapse_day" <= "t172"."death_day"
      )
    )
    THEN 1
    WHEN "t172"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "relapse_status",
  CASE
    WHEN (
      "t172"."nrm_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."relapse_day" IS NULL
      )
      OR (
        "t172"."nrm_event_day" <= "t172"."relapse_day"
      )
    )
    THEN "t172"."nrm_event_day"
    WHEN "t172"."relapse_day" IS NOT NULL
    THEN "t172"."relapse_day"
    ELSE "t172"."censor_day"
  END AS "nrm_day",
  CAST(CASE
    WHEN (
      "t172"."nrm_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."relapse_day" IS NULL
      )
      OR (
        "t172"."nrm_event_day" <= "t172"."relapse_day"
      )
    )
    THEN 1
    WHEN "t172"."relapse_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "nrm_status",
  CASE
    WHEN (
      "t172"."death_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t172"."death_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN "t172"."death_day"
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE "t172"."censor_day"
  END AS "os_day",
  CAST(CASE
    WHEN (
      "t172"."death_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t172"."death_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "os_status",
  CASE
    WHEN (
      "t172"."pfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t172"."pfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN "t172"."pfs_event_day"
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE "t172"."censor_day"
  END AS "pfs_day",
  CAST(CASE
    WHEN (
      "t172"."pfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t172"."pfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "pfs_status",
  CASE
    WHEN (
      "t172"."grfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t172"."grfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN "t172"."grfs_event_day"
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE "t172"."censor_day"
  END AS "grfs_day",
  CAST(CASE
    WHEN (
      "t172"."grfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t172"."grfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "grfs_status",
  CASE
    WHEN (
      "t172"."infection_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."infection_event_day" <= "t172"."death_day"
      )
    )
    THEN "t172"."infection_event_day"
    WHEN "t172"."death_day" IS NOT NULL
    THEN "t172"."death_day"
    ELSE "t172"."censor_day"
  END AS "infection_day",
  CAST(CASE
    WHEN (
      "t172"."infection_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."infection_event_day" <= "t172"."death_day"
      )
    )
    THEN 1
    WHEN "t172"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_status",
  CASE
    WHEN (
      "t172"."infection_bacterial_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."infection_bacterial_event_day" <= "t172"."death_day"
      )
    )
    THEN "t172"."infection_bacterial_event_day"
    WHEN "t172"."death_day" IS NOT NULL
    THEN "t172"."death_day"
    ELSE "t172"."censor_day"
  END AS "infection_bacterial_day",
  CAST(CASE
    WHEN (
      "t172"."infection_bacterial_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."infection_bacterial_event_day" <= "t172"."death_day"
      )
    )
    THEN 1
    WHEN "t172"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_bacterial_status",
  CASE
    WHEN (
      "t172"."infection_viral_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."infection_viral_event_day" <= "t172"."death_day"
      )
    )
    THEN "t172"."infection_viral_event_day"
    WHEN "t172"."death_day" IS NOT NULL
    THEN "t172"."death_day"
    ELSE "t172"."censor_day"
  END AS "infection_viral_day",
  CAST(CASE
    WHEN (
      "t172"."infection_viral_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."infection_viral_event_day" <= "t172"."death_day"
      )
    )
    THEN 1
    WHEN "t172"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_viral_status",
  CASE
    WHEN (
      "t172"."infection_fungal_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."infection_fungal_event_day" <= "t172"."death_day"
      )
    )
    THEN "t172"."infection_fungal_event_day"
    WHEN "t172"."death_day" IS NOT NULL
    THEN "t172"."death_day"
    ELSE "t172"."censor_day"
  END AS "infection_fungal_day",
  CAST(CASE
    WHEN (
      "t172"."infection_fungal_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."infection_fungal_event_day" <= "t172"."death_day"
      )
    )
    THEN 1
    WHEN "t172"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_fungal_status",
  CASE
    WHEN (
      "t172"."infection_other_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."infection_other_event_day" <= "t172"."death_day"
      )
    )
    THEN "t172"."infection_other_event_day"
    WHEN "t172"."death_day" IS NOT NULL
    THEN "t172"."death_day"
    ELSE "t172"."censor_day"
  END AS "infection_other_day",
  CAST(CASE
    WHEN (
      "t172"."infection_other_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."infection_other_event_day" <= "t172"."death_day"
      )
    )
    THEN 1
    WHEN "t172"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_other_status",
  CASE
    WHEN (
      "t172"."immune_reconstitution_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."immune_reconstitution_event_day" <= "t172"."death_day"
      )
    )
    THEN "t172"."immune_reconstitution_event_day"
    WHEN "t172"."death_day" IS NOT NULL
    THEN "t172"."death_day"
    ELSE "t172"."censor_day"
  END AS "immune_reconstitution_day",
  CAST(CASE
    WHEN (
      "t172"."immune_reconstitution_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."immune_reconstitution_event_day" <= "t172"."death_day"
      )
    )
    THEN 1
    WHEN "t172"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "immune_reconstitution_status",
  CASE
    WHEN (
      "t172"."lymphocyte_recovery_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."lymphocyte_recovery_event_day" <= "t172"."death_day"
      )
    )
    THEN "t172"."lymphocyte_recovery_event_day"
    WHEN "t172"."death_day" IS NOT NULL
    THEN "t172"."death_day"
    ELSE "t172"."censor_day"
  END AS "lymphocyte_recovery_day",
  CAST(CASE
    WHEN (
      "t172"."lymphocyte_recovery_event_day" IS NOT NULL
    )
    AND (
      (
        "t172"."death_day" IS NULL
      )
      OR (
        "t172"."lymphocyte_recovery_event_day" <= "t172"."death_day"
      )
    )
    THEN 1
    WHEN "t172"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "lymphocyte_recovery_status",
  COALESCE("t172"."agvhd_max_grade", 0) AS "agvhd_max_grade",
  CASE
    WHEN COALESCE("t172"."cgvhd_max_rank", 0) = 0
    THEN 'none'
    WHEN COALESCE("t172"."cgvhd_max_rank", 0) = 1
    THEN 'mild'
    WHEN COALESCE("t172"."cgvhd_max_rank", 0) = 2
    THEN 'moderate'
    WHEN COALESCE("t172"."cgvhd_max_rank", 0) = 3
    THEN 'severe'
    ELSE 'none'
  END AS "cgvhd_max_severity",
  "t172"."primary_graft_failure",
  "t172"."secondary_graft_failure",
  COALESCE("t172"."chimerism_category", 'not_tested') AS "chimerism_category",
  "t172"."chimerism_day",
  "t172"."chimerism_assay",
  "t172"."chimerism_lineage",
  COALESCE("t172"."best_response", 'not_assessed') AS "best_response",
  COALESCE("t172"."best_response", 'not_assessed') IN ('cr') AS "cr_achieved",
  COALESCE("t172"."infections_by_day100", 0) AS "infections_by_day100",
  COALESCE("t172"."infections_by_day100_bacterial", 0) AS "infections_by_day100_bacterial",
  COALESCE("t172"."infections_by_day100_viral", 0) AS "infections_by_day100_viral",
  COALESCE("t172"."infections_by_day100_fungal", 0) AS "infections_by_day100_fungal",
  COALESCE("t172"."infections_by_day100_other", 0) AS "infections_by_day100_other",
  COALESCE("t172"."serious_adverse_event_attributed", FALSE) AS "serious_adverse_event_attributed"
FROM (
  SELECT
    "t171"."patient_id",
    "t171"."arm",
    "t171"."modality",
    "t171"."graft_source",
    "t171"."second_infusion_day",
    "t171"."weight_kg",
    "t171"."death_day",
    "t171"."censor_day",
    "t171"."relapse_day",
    "t171"."neutrophil_engraftment_event_day",
    "t171"."neutrophil_engraftment_fell",
    "t171"."platelet_engraftment_event_day",
    "t171"."platelet_engraftment_fell",
    "t171"."platelet50_engraftment_event_day",
    "t171"."platelet50_engraftment_fell",
    "t171"."primary_graft_failure",
    "t171"."secondary_graft_failure",
    "t171"."agvhd_max_grade",
    "t171"."cgvhd_max_rank",
    "t171"."agvhd_2_4_event_day",
    "t171"."agvhd_3_4_event_day",
    "t171"."cgvhd_event_day",
    "t171"."grfs_agvhd_day",
    "t171"."grfs_cgvhd_day",
    "t171"."chimerism_category",
    "t171"."chimerism_day",
    "t171"."chimerism_assay",
    "t171"."chimerism_lineage",
    "t171"."best_response",
    "t171"."infection_event_day",
    "t171"."infections_by_day100",
    "t171"."infection_bacterial_event_day",
    "t171"."infections_by_day100_bacterial",
    "t171"."infection_viral_event_day",
    "t171"."infections_by_day100_viral",
    "t171"."infection_fungal_event_day",
    "t171"."infections_by_day100_fungal",
    "t171"."infection_other_event_day",
    "t171"."infections_by_day100_other",
    "t171"."immune_reconstitution_event_day",
    "t171"."lymphocyte_recovery_event_day",
    "t171"."serious_adverse_event_attributed",
    NULLIF(
      LEAST(
        COALESCE("t171"."death_day", 1000000000),
        COALESCE("t171"."relapse_day", 1000000000),
        COALESCE("t171"."second_infusion_day", 1000000000)
      ),
      1000000000
    ) AS "engraftment_competing_day",
    "t171"."death_day" AS "gvhd_competing_day",
    CASE
      WHEN (
        "t171"."relapse_day" IS NULL
      )
      OR (
        "t171"."death_day" < "t171"."relapse_day"
      )
      THEN "t171"."death_day"
      ELSE CAST(NULL AS BIGINT)
    END AS "nrm_event_day",
    NULLIF(
      LEAST(
        COALESCE("t171"."relapse_day", 1000000000),
        COALESCE("t171"."death_day", 1000000000)
      ),
      1000000000
    ) AS "pfs_event_day",
    NULLIF(
      LEAST(
        COALESCE("t171"."grfs_agvhd_day", 1000000000),
        COALESCE("t171"."grfs_cgvhd_day", 1000000000),
        COALESCE("t171"."relapse_day", 1000000000),
        COALESCE("t171"."death_day", 1000000000)
      ),
      1000000000
    ) AS "grfs_event_day",
    COALESCE("t171"."neutrophil_engraftment_fell", TRUE) AS "neutrophil_engraftment_applicable",
    COALESCE("t171"."platelet_engraftment_fell", TRUE) AS "platelet_engraftment_applicable",
    COALESCE("t171"."platelet50_engraftment_fell", TRUE) AS "platelet50_engraftment_applicable"
  FROM (
    SELECT
      "t113"."patient_id",
      "t113"."arm",
      "t113"."modality",
      "t113"."graft_source",
      "t113"."second_infusion_day",
      "t113"."weight_kg",
      "t113"."death_day",
      "t113"."censor_day",
      "t113"."relapse_day",
      "t121"."neutrophil_engraftment_event_day",
      "t121"."neutrophil_engraftment_fell",
      "t164"."platelet_engraftment_event_day",
      "t164"."platelet_engraftment_fell",
      "t165"."platelet50_engraftment_event_day",
      "t165"."platelet50_engraftment_fell",
      "t170"."primary_graft_failure",
      "t170"."secondary_graft_failure",
      "t142"."agvhd_max_grade",
      "t142"."cgvhd_max_rank",
      "t142"."agvhd_2_4_event_day",
      "t142"."agvhd_3_4_event_day",
      "t142"."cgvhd_event_day",
      "t142"."grfs_agvhd_day",
      "t142"."grfs_cgvhd_day",
      "t59"."chimerism_category",
      "t59"."chimerism_day",
      "t59"."chimerism_assay",
      "t59"."chimerism_lineage",
      "t166"."best_response",
      "t55"."infection_event_day",
      "t55"."infections_by_day100",
      "t55"."infection_bacterial_event_day",
      "t55"."infections_by_day100_bacterial",
      "t55"."infection_viral_event_day",
      "t55"."infections_by_day100_viral",
      "t55"."infection_fungal_event_day",
      "t55"."infections_by_day100_fungal",
      "t55"."infection_other_event_day",
      "t55"."infections_by_day100_other",
      "t84"."immune_reconstitution_event_day",
      "t85"."lymphocyte_recovery_event_day",
      "t37"."serious_adverse_event_attributed"
    FROM (
      SELECT
        "t108".*
        EXCLUDE ("last_lab_day")
      FROM (
        SELECT
          "t100"."patient_id",
          "t100"."arm",
          "t100"."modality",
          "t100"."graft_source",
          "t100"."second_infusion_day",
          "t100"."weight_kg",
          "t100"."death_day",
          COALESCE("t100"."censor_day", "t100"."last_lab_day", 0) AS "censor_day",
          "t100"."relapse_day",
          "t100"."last_lab_day"
        FROM (
          SELECT
            "t95".*
            EXCLUDE ("patient_id_right")
          FROM (
            SELECT
              "t83"."patient_id",
              "t83"."arm",
              "t83"."modality",
              "t83"."graft_source",
              "t83"."second_infusion_day",
              "t83"."weight_kg",
              "t83"."death_day",
              "t83"."censor_day",
              "t83"."relapse_day",
              "t24"."patient_id" AS "patient_id_right",
              "t24"."last_lab_day"
            FROM (
              SELECT
                "t77".*
                EXCLUDE ("patient_id_right")
              FROM (
                SELECT
                  "t65"."patient_id",
                  "t65"."arm",
                  "t65"."modality",
                  "t65"."graft_source",
                  "t65"."second_infusion_day",
                  "t65"."weight_kg",
                  "t65"."death_day",
                  "t65"."censor_day",
                  "t33"."patient_id" AS "patient_id_right",
                  "t33"."relapse_day"
                FROM (
                  SELECT
                    "t61".*
                    EXCLUDE ("patient_id_right")
                  FROM (
                    SELECT
                      "t51"."patient_id",
                      "t51"."arm",
                      "t51"."modality",
                      "t51"."graft_source",
                      "t51"."second_infusion_day",
                      "t51"."weight_kg",
                      "t36"."patient_id" AS "patient_id_right",
                      "t36"."death_day",
                      "t36"."censor_day"
                    FROM (
                      SELECT
                        "t44".*
                        EXCLUDE ("patient_id_right")
                      FROM (
                        SELECT
                          "t27"."patient_id",
                          "t27"."arm",
                          "t27"."modality",
                          "t27"."graft_source",
                          "t27"."second_infusion_day",
                          "t20"."patient_id" AS "patient_id_right",
                          "t20"."weight_kg"
                        FROM (
                          SELECT
                            "t9"."patient_id",
                            COALESCE("t9"."arm", "t9"."modality") AS "arm",
                            "t9"."modality",
                            "t9"."graft_source",
                            "t9"."second_infusion_day"
                          FROM "treatments" AS "t9"
                        ) AS "t27"
                        LEFT OUTER JOIN (
                          SELECT
                            "t6"."patient_id",
                            "t6"."weight_kg"
                          FROM "patients" AS "t6"
                        ) AS "t20"
                          ON "t27"."patient_id" = "t20"."patient_id"
                      ) AS "t44"
                    ) AS "t51"
                    LEFT OUTER JOIN (
                      SELECT
                        "t8"."patient_id",
                        CASE
                          WHEN "t8"."vital_status" = 'dead'
                          THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                          ELSE CAST(NULL AS BIGINT)
                        END AS "death_day",
                        GREATEST(
                          "t8"."last_contact_day",
                          COALESCE(
                            CASE
                              WHEN "t8"."vital_status" = 'dead'
                              THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                              ELSE CAST(NULL AS BIGINT)
                            END,
                            "t8"."last_contact_day"
                          )
                        ) AS "censor_day"
                      FROM "followup" AS "t8"
                    ) AS "t36"
                      ON "t51"."patient_id" = "t36"."patient_id"
                  ) AS "t61"
                ) AS "t65"
                LEFT OUTER JOIN (
                  SELECT
                    "t19"."patient_id",
                    MIN("t19"."day") AS "relapse_day"
                  FROM (
                    SELECT
                      *
                    FROM "disease_assessments" AS "t5"
                    WHERE
                      "t5"."status" IN ('relapse', 'progression') AND "t5"."day" > 0
                  ) AS "t19"
                  GROUP BY
                    1
                ) AS "t33"
                  ON "t65"."patient_id" = "t33"."patient_id"
              ) AS "t77"
            ) AS "t83"
            LEFT OUTER JOIN (
              SELECT
                "t3"."patient_id",
                MAX("t3"."day") AS "last_lab_day"
              FROM "labs" AS "t3"
              GROUP BY
                1
            ) AS "t24"
              ON "t83"."patient_id" = "t24"."patient_id"
          ) AS "t95"
        ) AS "t100"
      ) AS "t108"
    ) AS "t113"
    LEFT OUTER JOIN (
      SELECT
        "t109"."patient_id" AS "neutrophil_engraftment_patient_id",
        "t109"."day" AS "neutrophil_engraftment_event_day",
        "t109"."applicable" AS "neutrophil_engraftment_fell"
      FROM "t107" AS "t109"
    ) AS "t121"
      ON "t113"."patient_id" = "t121"."neutrophil_engraftment_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t155"."patient_id" AS "platelet_engraftment_patient_id",
        "t155"."day" AS "platelet_engraftment_event_day",
        COALESCE("t155"."fell", FALSE)
        OR (
          "t155"."first_transfusion_day" IS NOT NULL
        ) AS "platelet_engraftment_fell"
      FROM (
        SELECT
          "t153".*
          EXCLUDE ("patient_id_right")
        FROM (
          SELECT
            "t149"."patient_id",
            "t149"."fell",
            "t149"."first_transfusion_day",
            "t148"."patient_id" AS "patient_id_right",
            "t148"."day"
          FROM (
            SELECT
              "t140"."patient_id",
              "t140"."fell",
              "t140"."first_transfusion_day"
            FROM (
              SELECT
                "t128"."patient_id",
                "t128"."fell",
                "t43"."patient_id" AS "patient_id_right",
                "t43"."first_transfusion_day"
              FROM (
                SELECT
                  "t116"."patient_id",
                  "t116"."fell"
                FROM (
                  SELECT
                    "t105"."patient_id",
                    "t93"."patient_id" AS "patient_id_right",
                    "t93"."fell"
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        "t90"."patient_id"
                      FROM "t88" AS "t90"
                    ) AS "t97"
                    UNION
                    SELECT
                      *
                    FROM "t47" AS "t50"
                  ) AS "t105"
                  LEFT OUTER JOIN "t88" AS "t93"
                    ON "t105"."patient_id" = "t93"."patient_id"
                ) AS "t116"
              ) AS "t128"
              LEFT OUTER JOIN "t30" AS "t43"
                ON "t128"."patient_id" = "t43"."patient_id"
            ) AS "t140"
          ) AS "t149"
          LEFT OUTER JOIN (
            SELECT
              "t136"."patient_id",
              MIN("t136"."day") AS "day"
            FROM (
              SELECT
                "t122"."patient_id",
                "t122"."day",
                "t122"."failed_before",
                "t122"."first_transfusion_day"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t96".*
                    EXCLUDE ("patient_id_right")
                  FROM (
                    SELECT
                      "t86"."patient_id",
                      "t86"."day",
                      "t86"."failed_before",
                      "t43"."patient_id" AS "patient_id_right",
                      "t43"."first_transfusion_day"
                    FROM (
                      SELECT
                        "t75"."patient_id",
                        "t75"."day",
                        "t75"."failed_before"
                      FROM "t70" AS "t75"
                      WHERE
                        "t75"."run_start"
                    ) AS "t86"
                    LEFT OUTER JOIN "t30" AS "t43"
                      ON "t86"."patient_id" = "t43"."patient_id"
                  ) AS "t96"
                ) AS "t101"
                WHERE
                  "t101"."failed_before"
                  OR COALESCE("t101"."first_transfusion_day" < "t101"."day", FALSE)
              ) AS "t122"
              ANTI JOIN (
                SELECT
                  "t7"."patient_id",
                  "t7"."day"
                FROM "transfusions" AS "t7"
                WHERE
                  "t7"."product" = 'platelets'
              ) AS "t26"
                ON "t122"."patient_id" = "t26"."patient_id"
                AND "t26"."day" <= "t122"."day"
                AND "t26"."day" > (
                  "t122"."day" - 7
                )
            ) AS "t136"
            GROUP BY
              1
          ) AS "t148"
            ON "t149"."patient_id" = "t148"."patient_id"
        ) AS "t153"
      ) AS "t155"
    ) AS "t164"
      ON "t113"."patient_id" = "t164"."platelet_engraftment_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t156"."patient_id" AS "platelet50_engraftment_patient_id",
        "t156"."day" AS "platelet50_engraftment_event_day",
        COALESCE("t156"."fell", FALSE)
        OR (
          "t156"."first_transfusion_day" IS NOT NULL
        ) AS "platelet50_engraftment_fell"
      FROM (
        SELECT
          "t154".*
          EXCLUDE ("patient_id_right")
        FROM (
          SELECT
            "t151"."patient_id",
            "t151"."fell",
            "t151"."first_transfusion_day",
            "t150"."patient_id" AS "patient_id_right",
            "t150"."day"
          FROM (
            SELECT
              "t141"."patient_id",
              "t141"."fell",
              "t141"."first_transfusion_day"
            FROM (
              SELECT
                "t129"."patient_id",
                "t129"."fell",
                "t43"."patient_id" AS "patient_id_right",
                "t43"."first_transfusion_day"
              FROM (
                SELECT
                  "t118"."patient_id",
                  "t118"."fell"
                FROM (
                  SELECT
                    "t106"."patient_id",
                    "t94"."patient_id" AS "patient_id_right",
                    "t94"."fell"
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        "t91"."patient_id"
                      FROM "t89" AS "t91"
                    ) AS "t99"
                    UNION
                    SELECT
                      *
                    FROM "t47" AS "t50"
                  ) AS "t106"
                  LEFT OUTER JOIN "t89" AS "t94"
                    ON "t106"."patient_id" = "t94"."patient_id"
                ) AS "t118"
              ) AS "t129"
              LEFT OUTER JOIN "t30" AS "t43"
                ON "t129"."patient_id" = "t43"."patient_id"
            ) AS "t141"
          ) AS "t151"
          LEFT OUTER JOIN (
            SELECT
              "t137"."patient_id",
              MIN("t137"."day") AS "day"
            FROM (
              SELECT
                "t123"."patient_id",
                "t123"."day",
                "t123"."failed_before",
                "t123"."first_transfusion_day"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t98".*
                    EXCLUDE ("patient_id_right")
                  FROM (
                    SELECT
                      "t87"."patient_id",
                      "t87"."day",
                      "t87"."failed_before",
                      "t43"."patient_id" AS "patient_id_right",
                      "t43"."first_transfusion_day"
                    FROM (
                      SELECT
                        "t76"."patient_id",
                        "t76"."day",
                        "t76"."failed_before"
                      FROM "t71" AS "t76"
                      WHERE
                        "t76"."run_start"
                    ) AS "t87"
                    LEFT OUTER JOIN "t30" AS "t43"
                      ON "t87"."patient_id" = "t43"."patient_id"
                  ) AS "t98"
                ) AS "t103"
                WHERE
                  "t103"."failed_before"
                  OR COALESCE("t103"."first_transfusion_day" < "t103"."day", FALSE)
              ) AS "t123"
              ANTI JOIN (
                SELECT
                  "t7"."patient_id",
                  "t7"."day"
                FROM "transfusions" AS "t7"
                WHERE
                  "t7"."product" = 'platelets'
              ) AS "t26"
                ON "t123"."patient_id" = "t26"."patient_id"
                AND "t26"."day" <= "t123"."day"
                AND "t26"."day" > (
                  "t123"."day" - 7
                )
            ) AS "t137"
            GROUP BY
              1
          ) AS "t150"
            ON "t151"."patient_id" = "t150"."patient_id"
        ) AS "t154"
      ) AS "t156"
    ) AS "t165"
      ON "t113"."patient_id" = "t165"."platelet50_engraftment_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t168"."patient_id" AS "graft_failure_patient_id",
        CASE
          WHEN NOT (
            "t168"."modality" IN ('allo_hsct', 'auto_hsct')
            AND (
              CASE
                WHEN "t168"."graft_source" = 'bm'
                THEN 28
                WHEN "t168"."graft_source" = 'pbsc'
                THEN 28
                WHEN "t168"."graft_source" = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END IS NOT NULL
            )
          )
          THEN 'not_applicable'
          WHEN (
            (
              "t168"."applicable" IS NOT NULL
            )
            AND NOT (
              COALESCE("t168"."applicable", TRUE)
            )
          )
          OR (
            (
              "t168"."day" IS NOT NULL
            )
            AND (
              "t168"."day" <= CASE
                WHEN "t168"."graft_source" = 'bm'
                THEN 28
                WHEN "t168"."graft_source" = 'pbsc'
                THEN 28
                WHEN "t168"."graft_source" = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END
            )
          )
          THEN 'no'
          WHEN "t168"."censor_day" >= CASE
            WHEN "t168"."graft_source" = 'bm'
            THEN 28
            WHEN "t168"."graft_source" = 'pbsc'
            THEN 28
            WHEN "t168"."graft_source" = 'cord'
            THEN 42
            ELSE CAST(NULL AS BIGINT)
          END
          THEN 'yes'
          ELSE 'not_evaluable'
        END AS "primary_graft_failure",
        CASE
          WHEN NOT (
            "t168"."modality" IN ('allo_hsct', 'auto_hsct')
            AND (
              CASE
                WHEN "t168"."graft_source" = 'bm'
                THEN 28
                WHEN "t168"."graft_source" = 'pbsc'
                THEN 28
                WHEN "t168"."graft_source" = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END IS NOT NULL
            )
          )
          THEN 'not_applicable'
          WHEN (
            "t168"."applicable" IS NOT NULL
          )
          AND NOT (
            COALESCE("t168"."applicable", TRUE)
          )
          THEN 'no'
          WHEN "t168"."day" IS NULL
          THEN 'not_applicable'
          WHEN "t168"."loss_day" IS NOT NULL
          THEN 'yes'
          ELSE 'no'
        END AS "secondary_graft_failure"
      FROM (
        SELECT
          "t167".*
          EXCLUDE ("patient_id_right")
        FROM (
          SELECT
            "t133"."patient_id",
            "t133"."arm",
            "t133"."modality",
            "t133"."graft_source",
            "t133"."second_infusion_day",
            "t133"."weight_kg",
            "t133"."death_day",
            "t133"."censor_day",
            "t133"."relapse_day",
            "t133"."day",
            "t133"."applicable",
            "t163"."patient_id" AS "patient_id_right",
            "t163"."loss_day"
          FROM (
            SELECT
              "t130".*
              EXCLUDE ("patient_id_right")
            FROM (
              SELECT
                "t113"."patient_id",
                "t113"."arm",
                "t113"."modality",
                "t113"."graft_source",
                "t113"."second_infusion_day",
                "t113"."weight_kg",
                "t113"."death_day",
                "t113"."censor_day",
                "t113"."relapse_day",
                "t112"."patient_id" AS "patient_id_right",
                "t112"."day",
                "t112"."applicable"
              FROM (
                SELECT
                  "t108".*
                  EXCLUDE ("last_lab_day")
                FROM (
                  SELECT
                    "t100"."patient_id",
                    "t100"."arm",
                    "t100"."modality",
                    "t100"."graft_source",
                    "t100"."second_infusion_day",
                    "t100"."weight_kg",
                    "t100"."death_day",
                    COALESCE("t100"."censor_day", "t100"."last_lab_day", 0) AS "censor_day",
                    "t100"."relapse_day",
                    "t100"."last_lab_day"
                  FROM (
                    SELECT
                      "t95".*
                      EXCLUDE ("patient_id_right")
                    FROM (
                      SELECT
                        "t83"."patient_id",
                        "t83"."arm",
                        "t83"."modality",
                        "t83"."graft_source",
                        "t83"."second_infusion_day",
                        "t83"."weight_kg",
                        "t83"."death_day",
                        "t83"."censor_day",
                        "t83"."relapse_day",
                        "t24"."patient_id" AS "patient_id_right",
                        "t24"."last_lab_day"
                      FROM (
                        SELECT
                          "t77".*
                          EXCLUDE ("patient_id_right")
                        FROM (
                          SELECT
                            "t65"."patient_id",
                            "t65"."arm",
                            "t65"."modality",
                            "t65"."graft_source",
                            "t65"."second_infusion_day",
                            "t65"."weight_kg",
                            "t65"."death_day",
                            "t65"."censor_day",
                            "t33"."patient_id" AS "patient_id_right",
                            "t33"."relapse_day"
                          FROM (
                            SELECT
                              "t61".*
                              EXCLUDE ("patient_id_right")
                            FROM (
                              SELECT
                                "t51"."patient_id",
                                "t51"."arm",
                                "t51"."modality",
                                "t51"."graft_source",
                                "t51"."second_infusion_day",
                                "t51"."weight_kg",
                                "t36"."patient_id" AS "patient_id_right",
                                "t36"."death_day",
                                "t36"."censor_day"
                              FROM (
                                SELECT
                                  "t44".*
                                  EXCLUDE ("patient_id_right")
                                FROM (
                                  SELECT
                                    "t27"."patient_id",
                                    "t27"."arm",
                                    "t27"."modality",
                                    "t27"."graft_source",
                                    "t27"."second_infusion_day",
                                    "t20"."patient_id" AS "patient_id_right",
                                    "t20"."weight_kg"
                                  FROM (
                                    SELECT
                                      "t9"."patient_id",
                                      COALESCE("t9"."arm", "t9"."modality") AS "arm",
                                      "t9"."modality",
                                      "t9"."graft_source",
                                      "t9"."second_infusion_day"
                                    FROM "treatments" AS "t9"
                                  ) AS "t27"
                                  LEFT OUTER JOIN (
                                    SELECT
                                      "t6"."patient_id",
                                      "t6"."weight_kg"
                                    FROM "patients" AS "t6"
                                  ) AS "t20"
                                    ON "t27"."patient_id" = "t20"."patient_id"
                                ) AS "t44"
                              ) AS "t51"
                              LEFT OUTER JOIN (
                                SELECT
                                  "t8"."patient_id",
                                  CASE
                                    WHEN "t8"."vital_status" = 'dead'
                                    THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                                    ELSE CAST(NULL AS BIGINT)
                                  END AS "death_day",
                                  GREATEST(
                                    "t8"."last_contact_day",
                                    COALESCE(
                                      CASE
                                        WHEN "t8"."vital_status" = 'dead'
                                        THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                                        ELSE CAST(NULL AS BIGINT)
                                      END,
                                      "t8"."last_contact_day"
                                    )
                                  ) AS "censor_day"
                                FROM "followup" AS "t8"
                              ) AS "t36"
                                ON "t51"."patient_id" = "t36"."patient_id"
                            ) AS "t61"
                          ) AS "t65"
                          LEFT OUTER JOIN (
                            SELECT
                              "t19"."patient_id",
                              MIN("t19"."day") AS "relapse_day"
                            FROM (
                              SELECT
                                *
                              FROM "disease_assessments" AS "t5"
                              WHERE
                                "t5"."status" IN ('relapse', 'progression') AND "t5"."day" > 0
                            ) AS "t19"
                            GROUP BY
                              1
                          ) AS "t33"
                            ON "t65"."patient_id" = "t33"."patient_id"
                        ) AS "t77"
                      ) AS "t83"
                      LEFT OUTER JOIN (
                        SELECT
                          "t3"."patient_id",
                          MAX("t3"."day") AS "last_lab_day"
                        FROM "labs" AS "t3"
                        GROUP BY
                          1
                      ) AS "t24"
                        ON "t83"."patient_id" = "t24"."patient_id"
                    ) AS "t95"
                  ) AS "t100"
                ) AS "t108"
              ) AS "t113"
              LEFT OUTER JOIN "t107" AS "t112"
                ON "t113"."patient_id" = "t112"."patient_id"
            ) AS "t130"
          ) AS "t133"
          LEFT OUTER JOIN (
            SELECT
              "t158"."patient_id",
              MIN("t158"."day") FILTER(WHERE
                "t158"."run_start") AS "loss_day"
            FROM (
              SELECT
                "t143"."patient_id",
                "t143"."day",
                "t143"."value",
                "t143"."meets",
                "t143"."meets"
                AND COALESCE(
                  LEAD("t143"."meets", 1) OVER (
                    PARTITION BY "t143"."patient_id"
                    ORDER BY "t143"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ),
                  FALSE
                )
                AND COALESCE(
                  LEAD("t143"."meets", 2) OVER (
                    PARTITION BY "t143"."patient_id"
                    ORDER BY "t143"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ),
                  FALSE
                ) AS "run_start",
                SUM(CASE WHEN "t143"."meets" THEN 0 ELSE 1 END) OVER (
                  PARTITION BY "t143"."patient_id"
                  ORDER BY "t143"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) > 0 AS "failed_before"
              FROM (
                SELECT
                  "t135"."patient_id",
                  "t135"."day",
                  "t135"."value",
                  "t135"."value" < 0.5 AS "meets"
                FROM (
                  SELECT
                    "t74"."patient_id",
                    "t74"."day",
                    "t74"."value",
                    "t125"."engraftment_day"
                  FROM (
                    SELECT
                      *
                    FROM "t62" AS "t64"
                    WHERE
                      "t64"."value" IS NOT NULL
                  ) AS "t74"
                  INNER JOIN (
                    SELECT
                      "t109"."patient_id",
                      "t109"."day" AS "engraftment_day"
                    FROM "t107" AS "t109"
                    WHERE
                      "t109"."day" IS NOT NULL
                  ) AS "t125"
                    ON "t74"."patient_id" = "t125"."patient_id"
                ) AS "t135"
                WHERE
                  "t135"."day" > "t135"."engraftment_day"
              ) AS "t143"
            ) AS "t158"
            GROUP BY
              1
          ) AS "t163"
            ON "t133"."patient_id" = "t163"."patient_id"
        ) AS "t167"
      ) AS "t168"
    ) AS "t170"
      ON "t113"."patient_id" = "t170"."graft_failure_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t131"."patient_id" AS "gvhd_patient_id",
        "t131"."agvhd_max_grade",
        "t131"."cgvhd_max_rank",
        "t131"."agvhd_2_4_event_day",
        "t131"."agvhd_3_4_event_day",
        "t131"."cgvhd_event_day",
        "t131"."grfs_agvhd_day",
        "t131"."grfs_cgvhd_day"
      FROM (
        SELECT
          "t110"."patient_id",
          MAX("t110"."agvhd_grade") AS "agvhd_max_grade",
          MAX("t110"."cgvhd_severity_rank") AS "cgvhd_max_rank",
          MIN("t110"."day") FILTER(WHERE
            (
              "t110"."day" >= 0
            ) AND (
              "t110"."agvhd_grade" >= 2
            )) AS "agvhd_2_4_event_day",
          MIN("t110"."day") FILTER(WHERE
            (
              "t110"."day" >= 0
            ) AND (
              "t110"."agvhd_grade" >= 3
            )) AS "agvhd_3_4_event_day",
          MIN("t110"."day") FILTER(WHERE
            (
              "t110"."day" >= 0
            ) AND (
              "t110"."cgvhd_severity_rank" >= 1
            )) AS "cgvhd_event_day",
          MIN("t110"."day") FILTER(WHERE
            (
              "t110"."day" >= 0
            ) AND (
              "t110"."agvhd_grade" >= 3
            )) AS "grfs_agvhd_day",
          MIN("t110"."day") FILTER(WHERE
            (
              "t110"."day" >= 0
            )
            AND (
              (
                "t110"."cgvhd_severity_rank" >= 1
              )
              AND COALESCE("t110"."systemic_therapy", FALSE)
            )) AS "grfs_cgvhd_day"
        FROM (
          SELECT
            "t60"."patient_id",
            "t60"."day",
            "t60"."date",
            "t60"."skin_bsa_pct",
            "t60"."skin_bullae",
            "t60"."skin_stage",
            "t60"."bilirubin_mg_dl",
            "t60"."liver_stage",
            "t60"."upper_gi",
            "t60"."stool_ml_day",
            "t60"."stool_episodes_day",
            "t60"."lower_gi_severe",
            "t60"."lower_gi_stage",
            "t60"."cgvhd_skin",
            "t60"."cgvhd_mouth",
            "t60"."cgvhd_eyes",
            "t60"."cgvhd_gi",
            "t60"."cgvhd_liver",
            "t60"."cgvhd_lungs",
            "t60"."cgvhd_joints",
            "t60"."cgvhd_genital",
            "t60"."systemic_therapy",
            "t60"."weight_kg",
            "t60"."skin",
            "t60"."liver",
            "t60"."upper",
            "t60"."lower",
            CAST(CASE
              WHEN (
                COALESCE("t60"."skin", 0) = 4
              )
              OR (
                COALESCE("t60"."liver", 0) = 4
              )
              OR (
                COALESCE("t60"."lower", 0) = 4
              )
              THEN 4
              WHEN COALESCE("t60"."liver", 0) IN (2, 3) OR (
                COALESCE("t60"."lower", 0) >= 2
              )
              THEN 3
              WHEN (
                COALESCE("t60"."skin", 0) = 3
              )
              OR (
                COALESCE("t60"."liver", 0) = 1
              )
              OR (
                COALESCE("t60"."upper", 0) = 1
              )
              OR (
                COALESCE("t60"."lower", 0) = 1
              )
              THEN 2
              WHEN COALESCE("t60"."skin", 0) IN (1, 2)
              THEN 1
              ELSE 0
            END AS BIGINT) AS "agvhd_grade",
            CAST(CASE
              WHEN (
                COALESCE("t60"."cgvhd_lungs", 0) >= 2
              )
              OR (
                GREATEST(
                  COALESCE("t60"."cgvhd_skin", 0),
                  COALESCE("t60"."cgvhd_mouth", 0),
                  COALESCE("t60"."cgvhd_eyes", 0),
                  COALESCE("t60"."cgvhd_gi", 0),
                  COALESCE("t60"."cgvhd_liver", 0),
                  COALESCE("t60"."cgvhd_lungs", 0),
                  COALESCE("t60"."cgvhd_joints", 0),
                  COALESCE("t60"."cgvhd_genital", 0)
                ) >= 3
              )
              THEN 3
              WHEN (
                COALESCE("t60"."cgvhd_lungs", 0) = 1
              )
              OR (
                GREATEST(
                  COALESCE("t60"."cgvhd_skin", 0),
                  COALESCE("t60"."cgvhd_mouth", 0),
                  COALESCE("t60"."cgvhd_eyes", 0),
                  COALESCE("t60"."cgvhd_gi", 0),
                  COALESCE("t60"."cgvhd_liver", 0),
                  COALESCE("t60"."cgvhd_lungs", 0),
                  COALESCE("t60"."cgvhd_joints", 0),
                  COALESCE("t60"."cgvhd_genital", 0)
                ) = 2
              )
              OR (
                (
                  CASE WHEN COALESCE("t60"."cgvhd_skin", 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE("t60"."cgvhd_mouth", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_eyes", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_gi", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_liver", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_lungs", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_joints", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_genital", 0) >= 1 THEN 1 ELSE 0 END
                ) >= 3
              )
              THEN 2
              WHEN (
                CASE WHEN COALESCE("t60"."cgvhd_skin", 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE("t60"."cgvhd_mouth", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_eyes", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_gi", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_liver", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_lungs", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_joints", 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE("t60"."cgvhd_genital", 0) >= 1 THEN 1 ELSE 0 END
              ) >= 1
              THEN 1
              ELSE 0
            END AS BIGINT) AS "cgvhd_severity_rank"
          FROM (
            SELECT
              "t42"."patient_id",
              "t42"."day",
              "t42"."date",
              "t42"."skin_bsa_pct",
              "t42"."skin_bullae",
              "t42"."skin_stage",
              "t42"."bilirubin_mg_dl",
              "t42"."liver_stage",
              "t42"."upper_gi",
              "t42"."stool_ml_day",
              "t42"."stool_episodes_day",
              "t42"."lower_gi_severe",
              "t42"."lower_gi_stage",
              "t42"."cgvhd_skin",
              "t42"."cgvhd_mouth",
              "t42"."cgvhd_eyes",
              "t42"."cgvhd_gi",
              "t42"."cgvhd_liver",
              "t42"."cgvhd_lungs",
              "t42"."cgvhd_joints",
              "t42"."cgvhd_genital",
              "t42"."systemic_therapy",
              "t42"."weight_kg",
              CASE
                WHEN COALESCE("t42"."skin_bullae", FALSE)
                THEN 4
                WHEN "t42"."skin_bsa_pct" IS NOT NULL
                THEN CASE
                  WHEN "t42"."skin_bsa_pct" <= 0.0
                  THEN 0
                  WHEN "t42"."skin_bsa_pct" < 25.0
                  THEN 1
                  WHEN "t42"."skin_bsa_pct" <= 50.0
                  THEN 2
                  ELSE 3
                END
                ELSE "t42"."skin_stage"
              END AS "skin",
              CASE
                WHEN "t42"."bilirubin_mg_dl" IS NOT NULL
                THEN CASE
                  WHEN "t42"."bilirubin_mg_dl" < 2.0
                  THEN 0
                  WHEN "t42"."bilirubin_mg_dl" <= 3.0
                  THEN 1
                  WHEN "t42"."bilirubin_mg_dl" <= 6.0
                  THEN 2
                  WHEN "t42"."bilirubin_mg_dl" <= 15.0
                  THEN 3
                  ELSE 4
                END
                ELSE "t42"."liver_stage"
              END AS "liver",
              CASE
                WHEN "t42"."upper_gi"
                THEN 1
                WHEN NOT (
                  "t42"."upper_gi"
                )
                THEN 0
                ELSE CAST(NULL AS BIGINT)
              END AS "upper",
              CASE
                WHEN COALESCE("t42"."lower_gi_severe", FALSE)
                THEN 4
                WHEN (
                  "t42"."stool_ml_day" IS NOT NULL
                )
                AND COALESCE("t42"."weight_kg" < 50.0, FALSE)
                THEN CASE
                  WHEN (
                    "t42"."stool_ml_day" / "t42"."weight_kg"
                  ) < 10.0
                  THEN 0
                  WHEN (
                    "t42"."stool_ml_day" / "t42"."weight_kg"
                  ) < 20.0
                  THEN 1
                  WHEN (
                    "t42"."stool_ml_day" / "t42"."weight_kg"
                  ) <= 30.0
                  THEN 2
                  ELSE 3
                END
                WHEN "t42"."stool_ml_day" IS NOT NULL
                THEN CASE
                  WHEN "t42"."stool_ml_day" < 500.0
                  THEN 0
                  WHEN "t42"."stool_ml_day" < 1000.0
                  THEN 1
                  WHEN "t42"."stool_ml_day" <= 1500.0
                  THEN 2
                  ELSE 3
                END
                WHEN (
                  "t42"."stool_episodes_day" IS NOT NULL
                )
                AND COALESCE("t42"."weight_kg" < 50.0, FALSE)
                THEN CASE
                  WHEN (
                    "t42"."stool_episodes_day" * 3.0
                  ) < 10.0
                  THEN 0
                  WHEN (
                    "t42"."stool_episodes_day" * 3.0
                  ) < 20.0
                  THEN 1
                  WHEN (
                    "t42"."stool_episodes_day" * 3.0
                  ) <= 30.0
                  THEN 2
                  ELSE 3
                END
                WHEN "t42"."stool_episodes_day" IS NOT NULL
                THEN CASE
                  WHEN (
                    "t42"."stool_episodes_day" * 200.0
                  ) < 500.0
                  THEN 0
                  WHEN (
                    "t42"."stool_episodes_day" * 200.0
                  ) < 1000.0
                  THEN 1
                  WHEN (
                    "t42"."stool_episodes_day" * 200.0
                  ) <= 1500.0
                  THEN 2
                  ELSE 3
                END
                ELSE "t42"."lower_gi_stage"
              END AS "lower"
            FROM (
              SELECT
                "t34".*
                EXCLUDE ("patient_id_right")
              FROM (
                SELECT
                  "t10"."patient_id",
                  "t10"."day",
                  "t10"."date",
                  "t10"."skin_bsa_pct",
                  "t10"."skin_bullae",
                  "t10"."skin_stage",
                  "t10"."bilirubin_mg_dl",
                  "t10"."liver_stage",
                  "t10"."upper_gi",
                  "t10"."stool_ml_day",
                  "t10"."stool_episodes_day",
                  "t10"."lower_gi_severe",
                  "t10"."lower_gi_stage",
                  "t10"."cgvhd_skin",
                  "t10"."cgvhd_mouth",
                  "t10"."cgvhd_eyes",
                  "t10"."cgvhd_gi",
                  "t10"."cgvhd_liver",
                  "t10"."cgvhd_lungs",
                  "t10"."cgvhd_joints",
                  "t10"."cgvhd_genital",
                  "t10"."systemic_therapy",
                  "t20"."patient_id" AS "patient_id_right",
                  "t20"."weight_kg"
                FROM "gvhd_assessments" AS "t10"
                LEFT OUTER JOIN (
                  SELECT
                    "t6"."patient_id",
                    "t6"."weight_kg"
                  FROM "patients" AS "t6"
                ) AS "t20"
                  ON "t10"."patient_id" = "t20"."patient_id"
              ) AS "t34"
            ) AS "t42"
          ) AS "t60"
        ) AS "t110"
        GROUP BY
          1
      ) AS "t131"
    ) AS "t142"
      ON "t113"."patient_id" = "t142"."gvhd_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t49"."patient_id" AS "chimerism_patient_id",
        "t49"."chimerism_category",
        "t49"."day" AS "chimerism_day",
        "t49"."method" AS "chimerism_assay",
        "t49"."lineage" AS "chimerism_lineage"
      FROM (
        SELECT
          "t0"."patient_id",
          "t0"."day",
          "t0"."date",
          "t0"."lineage",
          "t0"."donor_pct",
          "t0"."method",
          "t0"."lod_pct",
          CASE
            WHEN CASE
              WHEN (
                "t0"."donor_pct" IS NOT NULL
              )
              AND (
                (
                  "t0"."lod_pct" IS NULL
                ) OR (
                  "t0"."donor_pct" >= "t0"."lod_pct"
                )
              )
              THEN "t0"."donor_pct"
              ELSE CAST(NULL AS DOUBLE)
            END IS NULL
            THEN 'not_detected'
            WHEN CASE
              WHEN (
                "t0"."donor_pct" IS NOT NULL
              )
              AND (
                (
                  "t0"."lod_pct" IS NULL
                ) OR (
                  "t0"."donor_pct" >= "t0"."lod_pct"
                )
              )
              THEN "t0"."donor_pct"
              ELSE CAST(NULL AS DOUBLE)
            END > 95.0
            THEN 'full'
            WHEN CASE
              WHEN (
                "t0"."donor_pct" IS NOT NULL
              )
              AND (
                (
                  "t0"."lod_pct" IS NULL
                ) OR (
                  "t0"."donor_pct" >= "t0"."lod_pct"
                )
              )
              THEN "t0"."donor_pct"
              ELSE CAST(NULL AS DOUBLE)
            END >= 5.0
            THEN 'mixed'
            WHEN CASE
              WHEN (
                "t0"."donor_pct" IS NOT NULL
              )
              AND (
                (
                  "t0"."lod_pct" IS NULL
                ) OR (
                  "t0"."donor_pct" >= "t0"."lod_pct"
                )
              )
              THEN "t0"."donor_pct"
              ELSE CAST(NULL AS DOUBLE)
            END < 1.0
            THEN 'microchimerism'
            ELSE 'mixed'
          END AS "chimerism_category",
          ROW_NUMBER() OVER (
            PARTITION BY "t0"."patient_id"
            ORDER BY "t0"."day" DESC, COALESCE(
              CASE
                WHEN (
                  "t0"."donor_pct" IS NOT NULL
                )
                AND (
                  (
                    "t0"."lod_pct" IS NULL
                  ) OR (
                    "t0"."donor_pct" >= "t0"."lod_pct"
                  )
                )
                THEN "t0"."donor_pct"
                ELSE CAST(NULL AS DOUBLE)
              END,
              -1.0
            ) ASC, "t0"."lineage" ASC, "t0"."method" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) - 1 AS "rank"
        FROM "chimerism" AS "t0"
      ) AS "t49"
      WHERE
        "t49"."rank" = 0
    ) AS "t59"
      ON "t113"."patient_id" = "t59"."chimerism_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t157"."patient_id" AS "best_response_patient_id",
        CASE
          WHEN "t157"."best_rank" = 0
          THEN 'cr'
          WHEN "t157"."best_rank" = 1
          THEN 'cri'
          WHEN "t157"."best_rank" = 2
          THEN 'pr'
          WHEN "t157"."best_rank" = 3
          THEN 'sd'
          WHEN "t157"."best_rank" = 4
          THEN 'nr'
          ELSE 'not_assessed'
        END AS "best_response"
      FROM (
        SELECT
          "t152"."patient_id",
          MIN(
            CASE
              WHEN "t152"."status" = 'cr'
              THEN 0
              WHEN "t152"."status" = 'cri'
              THEN 1
              WHEN "t152"."status" = 'pr'
              THEN 2
              WHEN "t152"."status" = 'sd'
              THEN 3
              WHEN "t152"."status" = 'nr'
              THEN 4
              ELSE 5
            END
          ) AS "best_rank"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t134".*
              EXCLUDE ("patient_id_right")
            FROM (
              SELECT
                "t25"."patient_id",
                "t25"."day",
                "t25"."date",
                "t25"."status",
                "t25"."method",
                "t124"."patient_id" AS "patient_id_right",
                "t124"."relapse_day"
              FROM (
                SELECT
                  *
                FROM "disease_assessments" AS "t5"
                WHERE
                  "t5"."status" IN ('cr', 'cri', 'pr', 'sd', 'nr')
              ) AS "t25"
              LEFT OUTER JOIN (
                SELECT
                  "t111"."patient_id",
                  "t111"."relapse_day"
                FROM (
                  SELECT
                    "t108".*
                    EXCLUDE ("last_lab_day")
                  FROM (
                    SELECT
                      "t100"."patient_id",
                      "t100"."arm",
                      "t100"."modality",
                      "t100"."graft_source",
                      "t100"."second_infusion_day",
                      "t100"."weight_kg",
                      "t100"."death_day",
                      COALESCE("t100"."censor_day", "t100"."last_lab_day", 0) AS "censor_day",
                      "t100"."relapse_day",
                      "t100"."last_lab_day"
                    FROM (
                      SELECT
                        "t95".*
                        EXCLUDE ("patient_id_right")
                      FROM (
                        SELECT
                          "t83"."patient_id",
                          "t83"."arm",
                          "t83"."modality",
                          "t83"."graft_source",
                          "t83"."second_infusion_day",
                          "t83"."weight_kg",
                          "t83"."death_day",
                          "t83"."censor_day",
                          "t83"."relapse_day",
                          "t24"."patient_id" AS "patient_id_right",
                          "t24"."last_lab_day"
                        FROM (
                          SELECT
                            "t77".*
                            EXCLUDE ("patient_id_right")
                          FROM (
                            SELECT
                              "t65"."patient_id",
                              "t65"."arm",
                              "t65"."modality",
                              "t65"."graft_source",
                              "t65"."second_infusion_day",
                              "t65"."weight_kg",
                              "t65"."death_day",
                              "t65"."censor_day",
                              "t33"."patient_id" AS "patient_id_right",
                              "t33"."relapse_day"
                            FROM (
                              SELECT
                                "t61".*
                                EXCLUDE ("patient_id_right")
                              FROM (
                                SELECT
                                  "t51"."patient_id",
                                  "t51"."arm",
                                  "t51"."modality",
                                  "t51"."graft_source",
                                  "t51"."second_infusion_day",
                                  "t51"."weight_kg",
                                  "t36"."patient_id" AS "patient_id_right",
                                  "t36"."death_day",
                                  "t36"."censor_day"
                                FROM (
                                  SELECT
                                    "t44".*
                                    EXCLUDE ("patient_id_right")
                                  FROM (
                                    SELECT
                                      "t27"."patient_id",
                                      "t27"."arm",
                                      "t27"."modality",
                                      "t27"."graft_source",
                                      "t27"."second_infusion_day",
                                      "t20"."patient_id" AS "patient_id_right",
                                      "t20"."weight_kg"
                                    FROM (
                                      SELECT
                                        "t9"."patient_id",
                                        COALESCE("t9"."arm", "t9"."modality") AS "arm",
                                        "t9"."modality",
                                        "t9"."graft_source",
                                        "t9"."second_infusion_day"
                                      FROM "treatments" AS "t9"
                                    ) AS "t27"
                                    LEFT OUTER JOIN (
                                      SELECT
                                        "t6"."patient_id",
                                        "t6"."weight_kg"
                                      FROM "patients" AS "t6"
                                    ) AS "t20"
                                      ON "t27"."patient_id" = "t20"."patient_id"
                                  ) AS "t44"
                                ) AS "t51"
                                LEFT OUTER JOIN (
                                  SELECT
                                    "t8"."patient_id",
                                    CASE
                                      WHEN "t8"."vital_status" = 'dead'
                                      THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                                      ELSE CAST(NULL AS BIGINT)
                                    END AS "death_day",
                                    GREATEST(
                                      "t8"."last_contact_day",
                                      COALESCE(
                                        CASE
                                          WHEN "t8"."vital_status" = 'dead'
                                          THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                                          ELSE CAST(NULL AS BIGINT)
                                        END,
                                        "t8"."last_contact_day"
                                      )
                                    ) AS "censor_day"
                                  FROM "followup" AS "t8"
                                ) AS "t36"
                                  ON "t51"."patient_id" = "t36"."patient_id"
                              ) AS "t61"
                            ) AS "t65"
                            LEFT OUTER JOIN (
                              SELECT
                                "t19"."patient_id",
                                MIN("t19"."day") AS "relapse_day"
                              FROM (
                                SELECT
                                  *
                                FROM "disease_assessments" AS "t5"
                                WHERE
                                  "t5"."status" IN ('relapse', 'progression') AND "t5"."day" > 0
                              ) AS "t19"
                              GROUP BY
                                1
                            ) AS "t33"
                              ON "t65"."patient_id" = "t33"."patient_id"
                          ) AS "t77"
                        ) AS "t83"
                        LEFT OUTER JOIN (
                          SELECT
                            "t3"."patient_id",
                            MAX("t3"."day") AS "last_lab_day"
                          FROM "labs" AS "t3"
                          GROUP BY
                            1
                        ) AS "t24"
                          ON "t83"."patient_id" = "t24"."patient_id"
                      ) AS "t95"
                    ) AS "t100"
                  ) AS "t108"
                ) AS "t111"
              ) AS "t124"
                ON "t25"."patient_id" = "t124"."patient_id"
            ) AS "t134"
          ) AS "t139"
          WHERE
            "t139"."day" >= 0
            AND (
              (
                "t139"."relapse_day" IS NULL
              ) OR (
                "t139"."day" < "t139"."relapse_day"
              )
            )
        ) AS "t152"
        GROUP BY
          1
      ) AS "t157"
    ) AS "t166"
      ON "t113"."patient_id" = "t166"."best_response_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t45"."patient_id" AS "infections_patient_id",
        "t45"."infection_event_day",
        "t45"."infections_by_day100",
        "t45"."infection_bacterial_event_day",
        "t45"."infections_by_day100_bacterial",
        "t45"."infection_viral_event_day",
        "t45"."infections_by_day100_viral",
        "t45"."infection_fungal_event_day",
        "t45"."infections_by_day100_fungal",
        "t45"."infection_other_event_day",
        "t45"."infections_by_day100_other"
      FROM (
        SELECT
          "t12"."patient_id",
          MIN("t12"."day") AS "infection_event_day",
          SUM(CASE WHEN "t12"."day" <= 100 THEN 1 ELSE 0 END) AS "infections_by_day100",
          MIN("t12"."day") FILTER(WHERE
            "t12"."kind" = 'bacterial') AS "infection_bacterial_event_day",
          SUM(
            CASE
              WHEN (
                "t12"."day" <= 100
              ) AND (
                "t12"."kind" = 'bacterial'
              )
              THEN 1
              ELSE 0
            END
          ) AS "infections_by_day100_bacterial",
          MIN("t12"."day") FILTER(WHERE
            "t12"."kind" = 'viral') AS "infection_viral_event_day",
          SUM(
            CASE
              WHEN (
                "t12"."day" <= 100
              ) AND (
                "t12"."kind" = 'viral'
              )
              THEN 1
              ELSE 0
            END
          ) AS "infections_by_day100_viral",
          MIN("t12"."day") FILTER(WHERE
            "t12"."kind" = 'fungal') AS "infection_fungal_event_day",
          SUM(
            CASE
              WHEN (
                "t12"."day" <= 100
              ) AND (
                "t12"."kind" = 'fungal'
              )
              THEN 1
              ELSE 0
            END
          ) AS "infections_by_day100_fungal",
          MIN("t12"."day") FILTER(WHERE
            "t12"."kind" = 'other') AS "infection_other_event_day",
          SUM(
            CASE
              WHEN (
                "t12"."day" <= 100
              ) AND (
                "t12"."kind" = 'other'
              )
              THEN 1
              ELSE 0
            END
          ) AS "infections_by_day100_other"
        FROM (
          SELECT
            *
          FROM "infections" AS "t2"
          WHERE
            "t2"."day" >= 0
        ) AS "t12"
        GROUP BY
          1
      ) AS "t45"
    ) AS "t55"
      ON "t113"."patient_id" = "t55"."infections_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t72"."patient_id" AS "immune_reconstitution_patient_id",
        "t72"."event_day" AS "immune_reconstitution_event_day"
      FROM (
        SELECT
          "t66"."patient_id",
          MIN("t66"."day") FILTER(WHERE
            "t66"."run_start") AS "event_day"
        FROM (
          SELECT
            "t53"."patient_id",
            "t53"."day",
            "t53"."value",
            "t53"."meets",
            "t53"."meets" AS "run_start",
            SUM(CASE WHEN "t53"."meets" THEN 0 ELSE 1 END) OVER (
              PARTITION BY "t53"."patient_id"
              ORDER BY "t53"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS "failed_before"
          FROM (
            SELECT
              "t38"."patient_id",
              "t38"."day",
              "t38"."value",
              "t38"."value" >= 0.2 AS "meets"
            FROM (
              SELECT
                "t14"."patient_id",
                "t14"."day",
                MIN(CASE WHEN "t14"."qualifier" = '<' THEN 0.0 ELSE "t14"."value" END) AS "value"
              FROM (
                SELECT
                  *
                FROM "labs" AS "t3"
                WHERE
                  "t3"."analyte" = 'cd4' AND "t3"."day" >= 1
              ) AS "t14"
              GROUP BY
                1,
                2
            ) AS "t38"
          ) AS "t53"
        ) AS "t66"
        GROUP BY
          1
      ) AS "t72"
    ) AS "t84"
      ON "t113"."patient_id" = "t84"."immune_reconstitution_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t73"."patient_id" AS "lymphocyte_recovery_patient_id",
        "t73"."event_day" AS "lymphocyte_recovery_event_day"
      FROM (
        SELECT
          "t67"."patient_id",
          MIN("t67"."day") FILTER(WHERE
            "t67"."run_start") AS "event_day"
        FROM (
          SELECT
            "t54"."patient_id",
            "t54"."day",
            "t54"."value",
            "t54"."meets",
            "t54"."meets" AS "run_start",
            SUM(CASE WHEN "t54"."meets" THEN 0 ELSE 1 END) OVER (
              PARTITION BY "t54"."patient_id"
              ORDER BY "t54"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS "failed_before"
          FROM (
            SELECT
              "t39"."patient_id",
              "t39"."day",
              "t39"."value",
              "t39"."value" >= 0.5 AS "meets"
            FROM (
              SELECT
                "t15"."patient_id",
                "t15"."day",
                MIN(CASE WHEN "t15"."qualifier" = '<' THEN 0.0 ELSE "t15"."value" END) AS "value"
              FROM (
                SELECT
                  *
                FROM "labs" AS "t3"
                WHERE
                  "t3"."analyte" = 'alc' AND "t3"."day" >= 1
              ) AS "t15"
              GROUP BY
                1,
                2
            ) AS "t39"
          ) AS "t54"
        ) AS "t67"
        GROUP BY
          1
      ) AS "t73"
    ) AS "t85"
      ON "t113"."patient_id" = "t85"."lymphocyte_recovery_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t28"."patient_id" AS "serious_adverse_events_patient_id",
        "t28"."serious_adverse_event_attributed"
      FROM (
        SELECT
          "t1"."patient_id",
          BOOL_OR(
            CAST((
              "t1"."ctcae_grade" >= 3
            )
            AND "t1"."attributed_to" IN ('msc_infusion', 'donor_cells', 'graft') AS BOOLEAN)
          ) AS "serious_adverse_event_attributed"
        FROM "adverse_events" AS "t1"
        GROUP BY
          1
      ) AS "t28"
    ) AS "t37"
      ON "t113"."patient_id" = "t37"."serious_adverse_events_patient_id"
  ) AS "t171"
) AS "t172"
ORDER BY
  "t172"."patient_id" ASC
