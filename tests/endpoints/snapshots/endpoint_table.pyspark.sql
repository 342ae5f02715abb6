WITH `t30` AS (
  SELECT
    `t22`.`patient_id`,
    MIN(`t22`.`day`) AS `first_transfusion_day`
  FROM (
    SELECT
      `t7`.`patient_id`,
      `t7`.`day`
    FROM `transfusions` AS `t7`
    WHERE
      `t7`.`product` = 'platelets' AND `t7`.`day` >= 0
  ) AS `t22`
  GROUP BY
    1
), `t59` AS (
  SELECT
    `t40`.`patient_id`,
    `t40`.`day`,
    COALESCE(
      `t40`.`anc`,
      (
        `t40`.`wbc` * (
          `t40`.`seg` + COALESCE(`t40`.`bands`, 0.0)
        )
      ) / 100.0
    ) AS `value`
  FROM (
    SELECT
      `t16`.`patient_id`,
      `t16`.`day`,
      MIN(
        IF(`t16`.`analyte` = 'anc', IF(`t16`.`qualifier` = '<', 0.0, `t16`.`value`), NULL)
      ) AS `anc`,
      MIN(
        IF(`t16`.`analyte` = 'wbc', IF(`t16`.`qualifier` = '<', 0.0, `t16`.`value`), NULL)
      ) AS `wbc`,
      MIN(
        IF(`t16`.`analyte` = 'neut_pct', IF(`t16`.`qualifier` = '<', 0.0, `t16`.`value`), NULL)
      ) AS `seg`,
      MAX(
        IF(`t16`.`analyte` = 'bands_pct', IF(`t16`.`qualifier` = '<', 0.0, `t16`.`value`), NULL)
      ) AS `bands`
    FROM (
      SELECT
        *
      FROM `labs` AS `t3`
      WHERE
        `t3`.`analyte` IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND `t3`.`day` >= 0
    ) AS `t16`
    GROUP BY
      1,
      2
  ) AS `t40`
), `t67` AS (
  SELECT
    `t53`.`patient_id`,
    `t53`.`day`,
    `t53`.`value`,
    `t53`.`platelet_engraftment_meets`,
    `t53`.`platelet50_engraftment_meets`,
    `t53`.`platelet_engraftment_meets`
    AND COALESCE(
      LEAD(`t53`.`platelet_engraftment_meets`, 1) OVER (PARTITION BY `t53`.`patient_id` ORDER BY `t53`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t53`.`platelet_engraftment_meets`, 2) OVER (PARTITION BY `t53`.`patient_id` ORDER BY `t53`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t53`.`day`, 1) OVER (PARTITION BY `t53`.`patient_id` ORDER BY `t53`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t53`.`day`, 2) OVER (PARTITION BY `t53`.`patient_id` ORDER BY `t53`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `platelet_engraftment_run_start`,
    SUM(IF(`t53`.`platelet_engraftment_meets`, 0, 1)) OVER (
      PARTITION BY `t53`.`patient_id`
      ORDER BY `t53`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `platelet_engraftment_failed_before`,
    `t53`.`platelet50_engraftment_meets`
    AND COALESCE(
      LEAD(`t53`.`platelet50_engraftment_meets`, 1) OVER (PARTITION BY `t53`.`patient_id` ORDER BY `t53`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t53`.`platelet50_engraftment_meets`, 2) OVER (PARTITION BY `t53`.`patient_id` ORDER BY `t53`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t53`.`day`, 1) OVER (PARTITION BY `t53`.`patient_id` ORDER BY `t53`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t53`.`day`, 2) OVER (PARTITION BY `t53`.`patient_id` ORDER BY `t53`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `platelet50_engraftment_run_start`,
    SUM(IF(`t53`.`platelet50_engraftment_meets`, 0, 1)) OVER (
      PARTITION BY `t53`.`patient_id`
      ORDER BY `t53`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `platelet50_engraftment_failed_before`
  FROM (
    SELECT
      `t41`.`patient_id`,
      `t41`.`day`,
      `t41`.`value`,
      `t41`.`value` >= 20.0 AS `platelet_engraftment_meets`,
      `t41`.`value` >= 50.0 AS `platelet50_engraftment_meets`
    FROM (
      SELECT
        `t17`.`patient_id`,
        `t17`.`day`,
        MIN(IF(`t17`.`qualifier` = '<', 0.0, `t17`.`value`)) AS `value`
      FROM (
        SELECT
          *
        FROM `labs` AS `t3`
        WHERE
          `t3`.`analyte` = 'plt' AND `t3`.`day` >= 0
      ) AS `t17`
      GROUP BY
        1,
        2
    ) AS `t41`
  ) AS `t53`
), `t83` AS (
  SELECT
    `t69`.`patient_id`,
    BOOL_OR(NOT (
      `t69`.`platelet_engraftment_meets`
    )) AS `platelet_engraftment_fell`,
    BOOL_OR(NOT (
      `t69`.`platelet50_engraftment_meets`
    )) AS `platelet50_engraftment_fell`
  FROM `t67` AS `t69`
  GROUP BY
    1
), `t97` AS (
  SELECT
    `t87`.`patient_id`,
    CAST(MIN(IF(`t87`.`run_start` AND `t87`.`failed_before`, `t87`.`day`, NULL)) AS BIGINT) AS `day`,
    BOOL_OR(NOT (
      `t87`.`meets`
    )) AS `applicable`
  FROM (
    SELECT
      `t65`.`patient_id`,
      `t65`.`day`,
      `t65`.`value`,
      `t65`.`meets`,
      `t65`.`meets`
      AND COALESCE(
        LEAD(`t65`.`meets`, 1) OVER (PARTITION BY `t65`.`patient_id` ORDER BY `t65`.`day` ASC NULLS LAST),
        FALSE
      )
      AND COALESCE(
        LEAD(`t65`.`meets`, 2) OVER (PARTITION BY `t65`.`patient_id` ORDER BY `t65`.`day` ASC NULLS LAST),
        FALSE
      )
      AND (
        TRUE
        AND (
          LEAD(`t65`.`day`, 1) OVER (PARTITION BY `t65`.`patient_id` ORDER BY `t65`.`day` ASC NULLS LAST) IS NOT NULL
        )
        AND (
          LEAD(`t65`.`day`, 2) OVER (PARTITION BY `t65`.`patient_id` ORDER BY `t65`.`day` ASC NULLS LAST) IS NOT NULL
        )
      ) AS `run_start`,
      SUM(IF(`t65`.`meets`, 0, 1)) OVER (
        PARTITION BY `t65`.`patient_id`
        ORDER BY `t65`.`day` ASC NULLS LAST
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) > 0 AS `failed_before`
    FROM (
      SELECT
        `t61`.`patient_id`,
        `t61`.`day`,
        `t61`.`value`,
        `t61`.`value` >= 0.5 AS `meets`
      FROM `t59` AS `t61`
      WHERE
        `t61`.`value` IS NOT NULL AND NOT ISNAN(`t61`.`value`)
    ) AS `t65`
  ) AS `t87`
  GROUP BY
    1
)
SELECT
  `t155`.`patient_id`,
  `t155`.`arm`,
  `t155`.`modality`,
  IF(
    `t155`.`neutrophil_engraftment_applicable`,
    CASE
      WHEN (
        `t155`.`neutrophil_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t155`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t155`.`neutrophil_engraftment_event_day` <= `t155`.`engraftment_competing_day`
        )
      )
      THEN `t155`.`neutrophil_engraftment_event_day`
      WHEN `t155`.`engraftment_competing_day` IS NOT NULL
      THEN `t155`.`engraftment_competing_day`
      ELSE `t155`.`censor_day`
    END,
    CAST(NULL AS BIGINT)
  ) AS `neutrophil_engraftment_day`,
  IF(
    `t155`.`neutrophil_engraftment_applicable`,
    CAST(CASE
      WHEN (
        `t155`.`neutrophil_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t155`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t155`.`neutrophil_engraftment_event_day` <= `t155`.`engraftment_competing_day`
        )
      )
      THEN 1
      WHEN `t155`.`engraftment_competing_day` IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT),
    CAST(NULL AS BIGINT)
  ) AS `neutrophil_engraftment_status`,
  `t155`.`neutrophil_engraftment_applicable`,
  IF(
    `t155`.`platelet_engraftment_applicable`,
    CASE
      WHEN (
        `t155`.`platelet_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t155`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t155`.`platelet_engraftment_event_day` <= `t155`.`engraftment_competing_day`
        )
      )
      THEN `t155`.`platelet_engraftment_event_day`
      WHEN `t155`.`engraftment_competing_day` IS NOT NULL
      THEN `t155`.`engraftment_competing_day`
      ELSE `t155`.`censor_day`
    END,
    CAST(NULL AS BIGINT)
  ) AS `platelet_engraftment_day`,
  IF(
    `t155`.`platelet_engraftment_applicable`,
    CAST(CASE
      WHEN (
        `t155`.`platelet_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t155`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t155`.`platelet_engraftment_event_day` <= `t155`.`engraftment_competing_day`
        )
      )
      THEN 1
      WHEN `t155`.`engraftment_competing_day` IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT),
    CAST(NULL AS BIGINT)
  ) AS `platelet_engraftment_status`,
  `t155`.`platelet_engraftment_applicable`,
  IF(
    `t155`.`platelet50_engraftment_applicable`,
    CASE
      WHEN (
        `t155`.`platelet50_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t155`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t155`.`platelet50_engraftment_event_day` <= `t155`.`engraftment_competing_day`
        )
      )
      THEN `t155`.`platelet50_engraftment_event_day`
      WHEN `t155`.`engraftment_competing_day` IS NOT NULL
      THEN `t155`.`engraftment_competing_day`
      ELSE `t155`.`censor_day`
    END,
    CAST(NULL AS BIGINT)
  ) AS `platelet50_engraftment_day`,
  IF(
    `t155`.`platelet50_engraftment_applicable`,
    CAST(CASE
      WHEN (
        `t155`.`platelet50_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t155`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t155`.`platelet50_engraftment_event_day` <= `t155`.`engraftment_competing_day`
        )
      )
      THEN 1
      WHEN `t155`.`engraftment_competing_day` IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT),
    CAST(NULL AS BIGINT)
  ) AS `platelet50_engraftment_status`,
  `t155`.`platelet50_engraftment_applicable`,
  CASE
    WHEN (
      `t155`.`agvhd_2_4_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t155`.`agvhd_2_4_event_day` <= `t155`.`gvhd_competing_day`
      )
    )
    THEN `t155`.`agvhd_2_4_event_day`
    WHEN `t155`.`gvhd_competing_day` IS NOT NULL
    THEN `t155`.`gvhd_competing_day`
    ELSE `t155`.`censor_day`
  END AS `agvhd_2_4_day`,
  CAST(CASE
    WHEN (
      `t155`.`agvhd_2_4_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t155`.`agvhd_2_4_event_day` <= `t155`.`gvhd_competing_day`
      )
    )
    THEN 1
    WHEN `t155`.`gvhd_competing_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `agvhd_2_4_status`,
  CASE
    WHEN (
      `t155`.`agvhd_3_4_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t155`.`agvhd_3_4_event_day` <= `t155`.`gvhd_competing_day`
      )
    )
    THEN `t155`.`agvhd_3_4_event_day`
    WHEN `t155`.`gvhd_competing_day` IS NOT NULL
    THEN `t155`.`gvhd_competing_day`
    ELSE `t155`.`censor_day`
  END AS `agvhd_3_4_day`,
  CAST(CASE
    WHEN (
      `t155`.`agvhd_3_4_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t155`.`agvhd_3_4_event_day` <= `t155`.`gvhd_competing_day`
      )
    )
    THEN 1
    WHEN `t155`.`gvhd_competing_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `agvhd_3_4_status`,
  CASE
    WHEN (
      `t155`.`cgvhd_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t155`.`cgvhd_event_day` <= `t155`.`gvhd_competing_day`
      )
    )
    THEN `t155`.`cgvhd_event_day`
    WHEN `t155`.`gvhd_competing_day` IS NOT NULL
    THEN `t155`.`gvhd_competing_day`
    ELSE `t155`.`censor_day`
  END AS `cgvhd_day`,
  CAST(CASE
    WHEN (
      `t155`.`cgvhd_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t155`.`cgvhd_event_day` <= `t155`.`gvhd_competing_day`
      )
    )
    THEN 1
    WHEN `t155`.`gvhd_competing_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `cgvhd_status`,
  CASE
    WHEN (
      `t155`.`relapse_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`relapse_day` <= `t155`.`death_day`
      )
    )
    THEN `t155`.`relapse_day`
    WHEN `t155`.`death_day` IS NOT NULL
    THEN `t155`.`death_day`
    ELSE `t155`.`censor_day`
  END AS `relapse_day`,
  CAST(CASE
    WHEN (
      `t155`.`relapse_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`relapse_day` <= `t155`.`death_day`
      )
    )
    THEN 1
    WHEN `t155`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `relapse_status`,
  CASE
    WHEN (
      `t155`.`nrm_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`relapse_day` IS NULL
      )
      OR (
        `t155`.`nrm_event_day` <= `t155`.`relapse_day`
      )
    )
    THEN `t155`.`nrm_event_day`
    WHEN `t155`.`relapse_day` IS NOT NULL
    THEN `t155`.`relapse_day`
    ELSE `t155`.`censor_day`
  END AS `nrm_day`,
  CAST(CASE
    WHEN (
      `t155`.`nrm_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`relapse_day` IS NULL
      )
      OR (
        `t155`.`nrm_event_day` <= `t155`.`relapse_day`
      )
    )
    THEN 1
    WHEN `t155`.`relapse_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `nrm_status`,
  CASE
    WHEN (
      `t155`.`death_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t155`.`death_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN `t155`.`death_day`
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE `t155`.`censor_day`
  END AS `os_day`,
  CAST(CASE
    WHEN (
      `t155`.`death_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t155`.`death_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `os_status`,
  CASE
    WHEN (
      `t155`.`pfs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t155`.`pfs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN `t155`.`pfs_event_day`
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE `t155`.`censor_day`
  END AS `pfs_day`,
  CAST(CASE
    WHEN (
      `t155`.`pfs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t155`.`pfs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `pfs_status`,
  CASE
    WHEN (
      `t155`.`grfs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t155`.`grfs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN `t155`.`grfs_event_day`
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE `t155`.`censor_day`
  END AS `grfs_day`,
  CAST(CASE
    WHEN (
      `t155`.`grfs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t155`.`grfs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `grfs_status`,
  CASE
    WHEN (
      `t155`.`infection_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`infection_event_day` <= `t155`.`death_day`
      )
    )
    THEN `t155`.`infection_event_day`
    WHEN `t155`.`death_day` IS NOT NULL
    THEN `t155`.`death_day`
    ELSE `t155`.`censor_day`
  END AS `infection_day`,
  CAST(CASE
    WHEN (
      `t155`.`infection_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`infection_event_day` <= `t155`.`death_day`
      )
    )
    THEN 1
    WHEN `t155`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `infection_status`,
  CASE
    WHEN (
      `t155`.`infection_bacterial_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`infection_bacterial_event_day` <= `t155`.`death_day`
      )
    )
    THEN `t155`.`infection_bacterial_event_day`
    WHEN `t155`.`death_day` IS NOT NULL
    THEN `t155`.`death_day`
    ELSE `t155`.`censor_day`
  END AS `infection_bacterial_day`,
  CAST(CASE
    WHEN (
      `t155`.`infection_bacterial_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`infection_bacterial_event_day` <= `t155`.`death_day`
      )
    )
    THEN 1
    WHEN `t155`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `infection_bacterial_status`,
  CASE
    WHEN (
      `t155`.`infection_viral_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`infection_viral_event_day` <= `t155`.`death_day`
      )
    )
    THEN `t155`.`infection_viral_event_day`
    WHEN `t155`.`death_day` IS NOT NULL
    THEN `t155`.`death_day`
    ELSE `t155`.`censor_day`
  END AS `infection_viral_day`,
  CAST(CASE
    WHEN (
      `t155`.`infection_viral_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`infection_viral_event_day` <= `t155`.`death_day`
      )
    )
    THEN 1
    WHEN `t155`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `infection_viral_status`,
  CASE
    WHEN (
      `t155`.`infection_fungal_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`infection_fungal_event_day` <= `t155`.`death_day`
      )
    )
    THEN `t155`.`infection_fungal_event_day`
    WHEN `t155`.`death_day` IS NOT NULL
    THEN `t155`.`death_day`
    ELSE `t155`.`censor_day`
  END AS `infection_fungal_day`,
  CAST(CASE
    WHEN (
      `t155`.`infection_fungal_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`infection_fungal_event_day` <= `t155`.`death_day`
      )
    )
    THEN 1
    WHEN `t155`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `infection_fungal_status`,
  CASE
    WHEN (
      `t155`.`infection_other_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`infection_other_event_day` <= `t155`.`death_day`
      )
    )
    THEN `t155`.`infection_other_event_day`
    WHEN `t155`.`death_day` IS NOT NULL
    THEN `t155`.`death_day`
    ELSE `t155`.`censor_day`
  END AS `infection_other_day`,
  CAST(CASE
    WHEN (
      `t155`.`infection_other_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`infection_other_event_day` <= `t155`.`death_day`
      )
    )
    THEN 1
    WHEN `t155`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `infection_other_status`,
  CASE
    WHEN (
      `t155`.`immune_reconstitution_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`immune_reconstitution_event_day` <= `t155`.`death_day`
      )
    )
    THEN `t155`.`immune_reconstitution_event_day`
    WHEN `t155`.`death_day` IS NOT NULL
    THEN `t155`.`death_day`
    ELSE `t155`.`censor_day`
  END AS `immune_reconstitution_day`,
  CAST(CASE
    WHEN (
      `t155`.`immune_reconstitution_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`immune_reconstitution_event_day` <= `t155`.`death_day`
      )
    )
    THEN 1
    WHEN `t155`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `immune_reconstitution_status`,
  CASE
    WHEN (
      `t155`.`lymphocyte_recovery_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`lymphocyte_recovery_event_day` <= `t155`.`death_day`
      )
    )
    THEN `t155`.`lymphocyte_recovery_event_day`
    WHEN `t155`.`death_day` IS NOT NULL
    THEN `t155`.`death_day`
    ELSE `t155`.`censor_day`
  END AS `lymphocyte_recovery_day`,
  CAST(CASE
    WHEN (
      `t155`.`lymphocyte_recovery_event_day` IS NOT NULL
    )
    AND (
      (
        `t155`.`death_day` IS NULL
      )
      OR (
        `t155`.`lymphocyte_recovery_event_day` <= `t155`.`death_day`
      )
    )
    THEN 1
    WHEN `t155`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `lymphocyte_recovery_status`,
  COALESCE(`t155`.`agvhd_max_grade`, 0) AS `agvhd_max_grade`,
  CASE
    WHEN COALESCE(`t155`.`cgvhd_max_rank`, 0) = 0
    THEN 'none'
    WHEN COALESCE(`t155`.`cgvhd_max_rank`, 0) = 1
    THEN 'mild'
    WHEN COALESCE(`t155`.`cgvhd_max_rank`, 0) = 2
    THEN 'moderate'
    WHEN COALESCE(`t155`.`cgvhd_max_rank`, 0) = 3
    THEN 'severe'
    ELSE 'none'
  END AS `cgvhd_max_severity`,
  `t155`.`primary_graft_failure`,
  `t155`.`secondary_graft_failure`,
  COALESCE(`t155`.`chimerism_category`, 'not_tested') AS `chimerism_category`,
  `t155`.`chimerism_day`,
  `t155`.`chimerism_assay`,
  `t155`.`chimerism_lineage`,
  COALESCE(`t155`.`best_response`, 'not_assessed') AS `best_response`,
  COALESCE(`t155`.`best_response`, 'not_assessed') IN ('cr') AS `cr_achieved`,
  COALESCE(`t155`.`infections_by_day100`, 0) AS `infections_by_day100`,
  COALESCE(`t155`.`infections_by_day100_bacterial`, 0) AS `infections_by_day100_bacterial`,
  COALESCE(`t155`.`infections_by_day100_viral`, 0) AS `infections_by_day100_viral`,
  COALESCE(`t155`.`infections_by_day100_fungal`, 0) AS `infections_by_day100_fungal`,
  COALESCE(`t155`.`infections_by_day100_other`, 0) AS `infections_by_day100_other`,
  COALESCE(`t155`.`serious_adverse_event_attributed`, FALSE) AS `serious_adverse_event_attributed`
FROM (
  SELECT
    `t154`.`patient_id`,
    `t154`.`arm`,
    `t154`.`modality`,
    `t154`.`graft_source`,
    `t154`.`second_infusion_day`,
    `t154`.`weight_kg`,
    `t154`.`death_day`,
    `t154`.`censor_day`,
    `t154`.`relapse_day`,
    `t154`.`neutrophil_engraftment_event_day`,
    `t154`.`neutrophil_engraftment_fell`,
    `t154`.`platelet_engraftment_event_day`,
    `t154`.`platelet_engraftment_fell`,
    `t154`.`platelet50_engraftment_event_day`,
    `t154`.`platelet50_engraftment_fell`,
    `t154`.`primary_graft_failure`,
    `t154`.`secondary_graft_failure`,
    `t154`.`agvhd_max_grade`,
    `t154`.`cgvhd_max_rank`,
    `t154`.`agvhd_2_4_event_day`,
    `t154`.`agvhd_3_4_event_day`,
    `t154`.`cgvhd_event_day`,
    `t154`.`grfs_agvhd_day`,
    `t154`.`grfs_cgvhd_day`,
    `t154`.`chimerism_category`,
    `t154`.`chimerism_day`,
    `t154`.`chimerism_assay`,
    `t154`.`chimerism_lineage`,
    `t154`.`best_response`,
    `t154`.`infection_event_day`,
    `t154`.`infections_by_day100`,
    `t154`.`infection_bacterial_event_day`,
    `t154`.`infections_by_day100_bacterial`,
    `t154`.`infection_viral_event_day`,
    `t154`.`infections_by_day100_viral`,
    `t154`.`infection_fungal_event_day`,
    `t154`.`infections_by_day100_fungal`,
    `t154`.`infection_other_event_day`,
    `t154`.`infections_by_day100_other`,
    `t154`.`immune_reconstitution_event_day`,
    `t154`.`lymphocyte_recovery_event_day`,
    `t154`.`serious_adverse_event_attributed`,
    NULLIF(
      LEAST(
        COALESCE(`t154`.`death_day`, 1000000000),
        COALESCE(CAST(`t154`.`relapse_day` AS BIGINT), 1000000000),
        COALESCE(`t154`.`second_infusion_day`, 1000000000)
      ),
      1000000000
    ) AS `engraftment_competing_day`,
    `t154`.`death_day` AS `gvhd_competing_day`,
    IF(
      (
        `t154`.`relapse_day` IS NULL
      )
      OR (
        `t154`.`death_day` < `t154`.`relapse_day`
      ),
      `t154`.`death_day`,
      CAST(NULL AS BIGINT)
    ) AS `nrm_event_day`,
    NULLIF(
      LEAST(
        COALESCE(CAST(`t154`.`relapse_day` AS BIGINT), 1000000000),
        COALESCE(`t154`.`death_day`, 1000000000)
      ),
      1000000000
    ) AS `pfs_event_day`,
    NULLIF(
      LEAST(
        COALESCE(`t154`.`grfs_agvhd_day`, 1000000000),
        COALESCE(`t154`.`grfs_cgvhd_day`, 1000000000),
        COALESCE(CAST(`t154`.`relapse_day` AS BIGINT), 1000000000),
        COALESCE(`t154`.`death_day`, 1000000000)
      ),
      1000000000
    ) AS `grfs_event_day`,
    COALESCE(`t154`.`neutrophil_engraftment_fell`, TRUE) AS `neutrophil_engraftment_applicable`,
    COALESCE(`t154`.`platelet_engraftment_fell`, TRUE) AS `platelet_engraftment_applicable`,
    COALESCE(`t154`.`platelet50_engraftment_fell`, TRUE) AS `platelet50_engraftment_applicable`
  FROM (
    SELECT
      `t104`.`patient_id`,
      `t104`.`arm`,
      `t104`.`modality`,
      `t104`.`graft_source`,
      `t104`.`second_infusion_day`,
      `t104`.`weight_kg`,
      `t104`.`death_day`,
      `t104`.`censor_day`,
      `t104`.`relapse_day`,
      `t113`.`neutrophil_engraftment_event_day`,
      `t113`.`neutrophil_engraftment_fell`,
      `t145`.`platelet_engraftment_event_day`,
      `t145`.`platelet_engraftment_fell`,
      `t146`.`platelet50_engraftment_event_day`,
      `t146`.`platelet50_engraftment_fell`,
      `t153`.`primary_graft_failure`,
      `t153`.`secondary_graft_failure`,
      `t129`.`agvhd_max_grade`,
      `t129`.`cgvhd_max_rank`,
      `t129`.`agvhd_2_4_event_day`,
      `t129`.`agvhd_3_4_event_day`,
      `t129`.`cgvhd_event_day`,
      `t129`.`grfs_agvhd_day`,
      `t129`.`grfs_cgvhd_day`,
      `t56`.`chimerism_category`,
      `t56`.`chimerism_day`,
      `t56`.`chimerism_assay`,
      `t56`.`chimerism_lineage`,
      `t147`.`best_response`,
      `t54`.`infection_event_day`,
      `t54`.`infections_by_day100`,
      `t54`.`infection_bacterial_event_day`,
      `t54`.`infections_by_day100_bacterial`,
      `t54`.`infection_viral_event_day`,
      `t54`.`infections_by_day100_viral`,
      `t54`.`infection_fungal_event_day`,
      `t54`.`infections_by_day100_fungal`,
      `t54`.`infection_other_event_day`,
      `t54`.`infections_by_day100_other`,
      `t81`.`immune_reconstitution_event_day`,
      `t82`.`lymphocyte_recovery_event_day`,
      `t37`.`serious_adverse_event_attributed`
    FROM (
      SELECT
        `t96`.`patient_id`,
        `t96`.`arm`,
        `t96`.`modality`,
        `t96`.`graft_source`,
        `t96`.`second_infusion_day`,
        `t96`.`weight_kg`,
        `t96`.`death_day`,
        `t96`.`censor_day`,
        `t96`.`relapse_day`
      FROM (
        SELECT
          `t91`.`patient_id`,
          `t91`.`arm`,
          `t91`.`modality`,
          `t91`.`graft_source`,
          `t91`.`second_infusion_day`,
          `t91`.`weight_kg`,
          `t91`.`death_day`,
          COALESCE(`t91`.`censor_day`, CAST(`t91`.`last_lab_day` AS BIGINT), 0) AS `censor_day`,
          `t91`.`relapse_day`,
          `t91`.`last_lab_day`
        FROM (
          SELECT
            `t86`.`patient_id`,
            `t86`.`arm`,
            `t86`.`modality`,
            `t86`.`graft_source`,
            `t86`.`second_infusion_day`,
            `t86`.`weight_kg`,
            `t86`.`death_day`,
            `t86`.`censor_day`,
            `t86`.`relapse_day`,
            `t86`.`last_lab_day`
          FROM (
            SELECT
              `t76`.`patient_id`,
              `t76`.`arm`,
              `t76`.`modality`,
              `t76`.`graft_source`,
              `t76`.`second_infusion_day`,
              `t76`.`weight_kg`,
              `t76`.`death_day`,
              `t76`.`censor_day`,
              `t76`.`relapse_day`,
              `t24`.`patient_id` AS `patient_id_right`,
              `t24`.`last_lab_day`
            FROM (
              SELECT
                `t70`.`patient_id`,
                `t70`.`arm`,
                `t70`.`modality`,
                `t70`.`graft_source`,
                `t70`.`second_infusion_day`,
                `t70`.`weight_kg`,
                `t70`.`death_day`,
                `t70`.`censor_day`,
                `t70`.`relapse_day`
              FROM (
                SELECT
                  `t62`.`patient_id`,
                  `t62`.`arm`,
                  `t62`.`modality`,
                  `t62`.`graft_source`,
                  `t62`.`second_infusion_day`,
                  `t62`.`weight_kg`,
                  `t62`.`death_day`,
                  `t62`.`censor_day`,
                  `t33`.`patient_id` AS `patient_id_right`,
                  `t33`.`relapse_day`
                FROM (
                  SELECT
                    `t58`.`patient_id`,
                    `t58`.`arm`,
                    `t58`.`modality`,
                    `t58`.`graft_source`,
                    `t58`.`second_infusion_day`,
                    `t58`.`weight_kg`,
                    `t58`.`death_day`,
                    `t58`.`censor_day`
                  FROM (
                    SELECT
                      `t49`.`patient_id`,
                      `t49`.`arm`,
                      `t49`.`modality`,
                      `t49`.`graft_source`,
                      `t49`.`second_infusion_day`,
                      `t49`.`weight_kg`,
                      `t36`.`patient_id` AS `patient_id_right`,
                      `t36`.`death_day`,
                      `t36`.`censor_day`
                    FROM (
                      SELECT
                        `t44`.`patient_id`,
                        `t44`.`arm`,
                        `t44`.`modality`,
                        `t44`.`graft_source`,
                        `t44`.`second_infusion_day`,
                        `t44`.`weight_kg`
                      FROM (
                        SELECT
                          `t27`.`patient_id`,
                          `t27`.`arm`,
                          `t27`.`modality`,
                          `t27`.`graft_source`,
                          `t27`.`second_infusion_day`,
                          `t20`.`patient_id` AS `patient_id_right`,
                          `t20`.`weight_kg`
                        FROM (
                          SELECT
                            `t9`.`patient_id`,
                            COALESCE(`t9`.`arm`, `t9`.`modality`) AS `arm`,
                            `t9`.`modality`,
                            `t9`.`graft_source`,
                            CAST(`t9`.`second_infusion_day` AS BIGINT) AS `second_infusion_day`
                          FROM `treatments` AS `t9`
                        ) AS `t27`
                        LEFT OUTER JOIN (
                          SELECT
                            `t6`.`patient_id`,
                            `t6`.`weight_kg`
                          FROM `patients` AS `t6`
                        ) AS `t20`
                          ON `t27`.`patient_id` = `t20`.`patient_id`
                      ) AS `t44`
                    ) AS `t49`
                    LEFT OUTER JOIN (
                      SELECT
                        `t8`.`patient_id`,
                        IF(
                          `t8`.`vital_status` = 'dead',
                          COALESCE(`t8`.`death_day`, `t8`.`last_contact_day`),
                          CAST(NULL AS BIGINT)
                        ) AS `death_day`,
                        GREATEST(
                          `t8`.`last_contact_day`,
                          COALESCE(
                            IF(
                              `t8`.`vital_status` = 'dead',
                              COALESCE(`t8`.`death_day`, `t8`.`last_contact_day`),
                              CAST(NULL AS BIGINT)
                            ),
                            `t8`.`last_contact_day`
                          )
                        ) AS `censor_day`
                      FROM `followup` AS `t8`
                    ) AS `t36`
                      ON `t49`.`patient_id` = `t36`.`patient_id`
                  ) AS `t58`
                ) AS `t62`
                LEFT OUTER JOIN (
                  SELECT
                    `t19`.`patient_id`,
                    MIN(`t19`.`day`) AS `relapse_day`
                  FROM (
                    SELECT
                      *
                    FROM `disease_assessments` AS `t5`
                    WHERE
                      `t5`.`status` IN ('relapse', 'progression') AND `t5`.`day` > 0
                  ) AS `t19`
                  GROUP BY
                    1
                ) AS `t33`
                  ON `t62`.`patient_id` = `t33`.`patient_id`
              ) AS `t70`
            ) AS `t76`
            LEFT OUTER JOIN (
              SELECT
                `t3`.`patient_id`,
                MAX(`t3`.`day`) AS `last_lab_day`
              FROM `labs` AS `t3`
              GROUP BY
                1
            ) AS `t24`
              ON `t76`.`patient_id` = `t24`.`patient_id`
          ) AS `t86`
        ) AS `t91`
      ) AS `t96`
    ) AS `t104`
    LEFT OUTER JOIN (
      SELECT
        `t100`.`patient_id` AS `neutrophil_engraftment_patient_id`,
        `t100`.`day` AS `neutrophil_engraftment_event_day`,
        `t100`.`applicable` AS `neutrophil_engraftment_fell`
      FROM `t97` AS `t100`
    ) AS `t113`
      ON `t104`.`patient_id` = `t113`.`neutrophil_engraftment_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t138`.`patient_id` AS `platelet_engraftment_patient_id`,
        `t138`.`day` AS `platelet_engraftment_event_day`,
        COALESCE(`t138`.`platelet_engraftment_fell`, FALSE)
        OR (
          `t138`.`first_transfusion_day` IS NOT NULL
        ) AS `platelet_engraftment_fell`
      FROM (
        SELECT
          `t136`.`patient_id`,
          `t136`.`platelet_engraftment_fell`,
          `t136`.`platelet50_engraftment_fell`,
          `t136`.`first_transfusion_day`,
          `t136`.`day`
        FROM (
          SELECT
            `t128`.`patient_id`,
            `t128`.`platelet_engraftment_fell`,
            `t128`.`platelet50_engraftment_fell`,
            `t128`.`first_transfusion_day`,
            `t133`.`patient_id` AS `patient_id_right`,
            `t133`.`day`
          FROM (
            SELECT
              `t123`.`patient_id`,
              `t123`.`platelet_engraftment_fell`,
              `t123`.`platelet50_engraftment_fell`,
              `t123`.`first_transfusion_day`
            FROM (
              SELECT
                `t114`.`patient_id`,
                `t114`.`platelet_engraftment_fell`,
                `t114`.`platelet50_engraftment_fell`,
                `t43`.`patient_id` AS `patient_id_right`,
                `t43`.`first_transfusion_day`
              FROM (
                SELECT
                  `t103`.`patient_id`,
                  `t103`.`platelet_engraftment_fell`,
                  `t103`.`platelet50_engraftment_fell`
                FROM (
                  SELECT
                    `t95`.`patient_id`,
                    `t85`.`patient_id` AS `patient_id_right`,
                    `t85`.`platelet_engraftment_fell`,
                    `t85`.`platelet50_engraftment_fell`
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t84`.`patient_id`
                      FROM `t83` AS `t84`
                    ) AS `t90`
                    UNION
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t35`.`patient_id`
                      FROM `t30` AS `t35`
                    ) AS `t46`
                  ) AS `t95`
                  LEFT OUTER JOIN `t83` AS `t85`
                    ON `t95`.`patient_id` = `t85`.`patient_id`
                ) AS `t103`
              ) AS `t114`
              LEFT OUTER JOIN `t30` AS `t43`
                ON `t114`.`patient_id` = `t43`.`patient_id`
            ) AS `t123`
          ) AS `t128`
          LEFT OUTER JOIN (
            SELECT
              `t118`.`patient_id`,
              CAST(MIN(`t118`.`day`) AS BIGINT) AS `day`
            FROM (
              SELECT
                `t106`.`patient_id`,
                `t106`.`day`,
                `t106`.`failed_before`,
                `t106`.`first_transfusion_day`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t88`.`patient_id`,
                    `t88`.`day`,
                    `t88`.`failed_before`,
                    `t88`.`first_transfusion_day`
                  FROM (
                    SELECT
                      `t79`.`patient_id`,
                      `t79`.`day`,
                      `t79`.`failed_before`,
                      `t43`.`patient_id` AS `patient_id_right`,
                      `t43`.`first_transfusion_day`
                    FROM (
                      SELECT
                        `t69`.`patient_id`,
                        `t69`.`day`,
                        `t69`.`platelet_engraftment_failed_before` AS `failed_before`
                      FROM `t67` AS `t69`
                      WHERE
                        `t69`.`platelet_engraftment_run_start`
                    ) AS `t79`
                    LEFT OUTER JOIN `t30` AS `t43`
                      ON `t79`.`patient_id` = `t43`.`patient_id`
                  ) AS `t88`
                ) AS `t92`
                WHERE
                  `t92`.`failed_before`
                  OR COALESCE(`t92`.`first_transfusion_day` < `t92`.`day`, FALSE)
              ) AS `t106`
              LEFT ANTI JOIN (
                SELECT
                  `t7`.`patient_id`,
                  `t7`.`day`
                FROM `transfusions` AS `t7`
                WHERE
                  `t7`.`product` = 'platelets'
              ) AS `t26`
                ON `t106`.`patient_id` = `t26`.`patient_id`
                AND `t26`.`day` <= `t106`.`day`
                AND `t26`.`day` > (
                  `t106`.`day` - 7
                )
            ) AS `t118`
            GROUP BY
              1
          ) AS `t133`
            ON `t128`.`patient_id` = `t133`.`patient_id`
        ) AS `t136`
      ) AS `t138`
    ) AS `t145`
      ON `t104`.`patient_id` = `t145`.`platelet_engraftment_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t139`.`patient_id` AS `platelet50_engraftment_patient_id`,
        `t139`.`day` AS `platelet50_engraftment_event_day`,
        COALESCE(`t139`.`platelet50_engraftment_fell`, FALSE)
        OR (
          `t139`.`first_transfusion_day` IS NOT NULL
        ) AS `platelet50_engraftment_fell`
      FROM (
        SELECT
          `t137`.`patient_id`,
          `t137`.`platelet_engraftment_fell`,
          `t137`.`platelet50_engraftment_fell`,
          `t137`.`first_transfusion_day`,
          `t137`.`day`
        FROM (
          SELECT
            `t128`.`patient_id`,
            `t128`.`platelet_engraftment_fell`,
            `t128`.`platelet50_engraftment_fell`,
            `t128`.`first_transfusion_day`,
            `t134`.`patient_id` AS `patient_id_right`,
            `t134`.`day`
          FROM (
            SELECT
              `t123`.`patient_id`,
              `t123`.`platelet_engraftment_fell`,
              `t123`.`platelet50_engraftment_fell`,
              `t123`.`first_transfusion_day`
            FROM (
              SELECT
                `t114`.`patient_id`,
                `t114`.`platelet_engraftment_fell`,
                `t114`.`platelet50_engraftment_fell`,
                `t43`.`patient_id` AS `patient_id_right`,
                `t43`.`first_transfusion_day`
              FROM (
                SELECT
                  `t103`.`patient_id`,
                  `t103`.`platelet_engraftment_fell`,
                  `t103`.`platelet50_engraftment_fell`
                FROM (
                  SELECT
                    `t95`.`patient_id`,
                    `t85`.`patient_id` AS `patient_id_right`,
                    `t85`.`platelet_engraftment_fell`,
                    `t85`.`platelet50_engraftment_fell`
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t84`.`patient_id`
                      FROM `t83` AS `t84`
                    ) AS `t90`
                    UNION
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t35`.`patient_id`
                      FROM `t30` AS `t35`
                    ) AS `t46`
                  ) AS `t95`
                  LEFT OUTER JOIN `t83` AS `t85`
                    ON `t95`.`patient_id` = `t85`.`patient_id`
                ) AS `t103`
              ) AS `t114`
              LEFT OUTER JOIN `t30` AS `t43`
                ON `t114`.`patient_id` = `t43`.`patient_id`
            ) AS `t123`
          ) AS `t128`
          LEFT OUTER JOIN (
            SELECT
              `t119`.`patient_id`,
              CAST(MIN(`t119`.`day`) AS BIGINT) AS `day`
            FROM (
              SELECT
                `t107`.`patient_id`,
                `t107`.`day`,
                `t107`.`failed_before`,
                `t107`.`first_transfusion_day`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t89`.`patient_id`,
                    `t89`.`day`,
                    `t89`.`failed_before`,
                    `t89`.`first_transfusion_day`
                  FROM (
                    SELECT
                      `t80`.`patient_id`,
                      `t80`.`day`,
                      `t80`.`failed_before`,
                      `t43`.`patient_id` AS `patient_id_right`,
                      `t43`.`first_transfusion_day`
                    FROM (
                      SELECT
                        `t69`.`patient_id`,
                        `t69`.`day`,
                        `t69`.`platelet50_engraftment_failed_before` AS `failed_before`
                      FROM `t67` AS `t69`
                      WHERE
                        `t69`.`platelet50_engraftment_run_start`
                    ) AS `t80`
                    LEFT OUTER JOIN `t30` AS `t43`
                      ON `t80`.`patient_id` = `t43`.`patient_id`
                  ) AS `t89`
                ) AS `t93`
                WHERE
                  `t93`.`failed_before`
                  OR COALESCE(`t93`.`first_transfusion_day` < `t93`.`day`, FALSE)
              ) AS `t107`
              LEFT ANTI JOIN (
                SELECT
                  `t7`.`patient_id`,
                  `t7`.`day`
                FROM `transfusions` AS `t7`
                WHERE
                  `t7`.`product` = 'platelets'
              ) AS `t26`
                ON `t107`.`patient_id` = `t26`.`patient_id`
                AND `t26`.`day` <= `t107`.`day`
                AND `t26`.`day` > (
                  `t107`.`day` - 7
                )
            ) AS `t119`
            GROUP BY
              1
          ) AS `t134`
            ON `t128`.`patient_id` = `t134`.`patient_id`
        ) AS `t137`
      ) AS `t139`
    ) AS `t146`
      ON `t104`.`patient_id` = `t146`.`platelet50_engraftment_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t151`.`patient_id` AS `graft_failure_patient_id`,
        CASE
          WHEN NOT (
            `t151`.`modality` IN ('allo_hsct', 'auto_hsct')
            AND (
              CASE
                WHEN `t151`.`graft_source` = 'bm'
                THEN 28
                WHEN `t151`.`graft_source` = 'pbsc'
                THEN 28
                WHEN `t151`.`graft_source` = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END IS NOT NULL
            )
          )
          THEN 'not_applicable'
          WHEN (
            (
              `t151`.`applicable` IS NOT NULL
            )
            AND NOT (
              COALESCE(`t151`.`applicable`, TRUE)
            )
          )
          OR (
            (
              `t151`.`day` IS NOT NULL
            )
            AND (
              `t151`.`day` <= CASE
                WHEN `t151`.`graft_source` = 'bm'
                THEN 28
                WHEN `t151`.`graft_source` = 'pbsc'
                THEN 28
                WHEN `t151`.`graft_source` = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END
            )
          )
          THEN 'no'
          WHEN `t151`.`censor_day` >= CASE
            WHEN `t151`.`graft_source` = 'bm'
            THEN 28
            WHEN `t151`.`graft_source` = 'pbsc'
            THEN 28
            WHEN `t151`.`graft_source` = 'cord'
            THEN 42
            ELSE CAST(NULL AS BIGINT)
          END
          THEN 'yes'
          ELSE 'not_evaluable'
        END AS `primary_graft_failure`,
        CASE
          WHEN NOT (
            `t151`.`modality` IN ('allo_hsct', 'auto_hsct')
            AND (
              CASE
                WHEN `t151`.`graft_source` = 'bm'
                THEN 28
                WHEN `t151`.`graft_source` = 'pbsc'
                THEN 28
                WHEN `t151`.`graft_source` = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END IS NOT NULL
            )
          )
          THEN 'not_applicable'
          WHEN (
            `t151`.`applicable` IS NOT NULL
          )
          AND NOT (
            COALESCE(`t151`.`applicable`, TRUE)
          )
          THEN 'no'
          WHEN `t151`.`day` IS NULL
          THEN 'not_applicable'
          WHEN `t151`.`loss_day` IS NOT NULL
          THEN 'yes'
          ELSE 'no'
        END AS `secondary_graft_failure`
      FROM (
        SELECT
          `t150`.`patient_id`,
          `t150`.`arm`,
          `t150`.`modality`,
          `t150`.`graft_source`,
          `t150`.`second_infusion_day`,
          `t150`.`weight_kg`,
          `t150`.`death_day`,
          `t150`.`censor_day`,
          `t150`.`relapse_day`,
          `t150`.`day`,
          `t150`.`applicable`,
          `t150`.`loss_day`
        FROM (
          SELECT
            `t122`.`patient_id`,
            `t122`.`arm`,
            `t122`.`modality`,
            `t122`.`graft_source`,
            `t122`.`second_infusion_day`,
            `t122`.`weight_kg`,
            `t122`.`death_day`,
            `t122`.`censor_day`,
            `t122`.`relapse_day`,
            `t122`.`day`,
            `t122`.`applicable`,
            `t149`.`patient_id` AS `patient_id_right`,
            `t149`.`loss_day`
          FROM (
            SELECT
              `t116`.`patient_id`,
              `t116`.`arm`,
              `t116`.`modality`,
              `t116`.`graft_source`,
              `t116`.`second_infusion_day`,
              `t116`.`weight_kg`,
              `t116`.`death_day`,
              `t116`.`censor_day`,
              `t116`.`relapse_day`,
              `t116`.`day`,
              `t116`.`applicable`
            FROM (
              SELECT
                `t104`.`patient_id`,
                `t104`.`arm`,
                `t104`.`modality`,
                `t104`.`graft_source`,
                `t104`.`second_infusion_day`,
                `t104`.`weight_kg`,
                `t104`.`death_day`,
                `t104`.`censor_day`,
                `t104`.`relapse_day`,
                `t105`.`patient_id` AS `patient_id_right`,
                `t105`.`day`,
                `t105`.`applicable`
              FROM (
                SELECT
                  `t96`.`patient_id`,
                  `t96`.`arm`,
                  `t96`.`modality`,
                  `t96`.`graft_source`,
                  `t96`.`second_infusion_day`,
                  `t96`.`weight_kg`,
                  `t96`.`death_day`,
                  `t96`.`censor_day`,
                  `t96`.`relapse_day`
                FROM (
                  SELECT
                    `t91`.`patient_id`,
                    `t91`.`arm`,
                    `t91`.`modality`,
                    `t91`.`graft_source`,
                    `t91`.`second_infusion_day`,
                    `t91`.`weight_kg`,
                    `t91`.`death_day`,
                    COALESCE(`t91`.`censor_day`, CAST(`t91`.`last_lab_day` AS BIGINT), 0) AS `censor_day`,
                    `t91`.`relapse_day`,
                    `t91`.`last_lab_day`
                  FROM (
                    SELECT
                      `t86`.`patient_id`,
                      `t86`.`arm`,
                      `t86`.`modality`,
                      `t86`.`graft_source`,
                      `t86`.`second_infusion_day`,
                      `t86`.`weight_kg`,
                      `t86`.`death_day`,
                      `t86`.`censor_day`,
                      `t86`.`relapse_day`,
                      `t86`.`last_lab_day`
                    FROM (
                      SELECT
                        `t76`.`patient_id`,
                        `t76`.`arm`,
                        `t76`.`modality`,
                        `t76`.`graft_source`,
                        `t76`.`second_infusion_day`,
                        `t76`.`weight_kg`,
                        `t76`.`death_day`,
                        `t76`.`censor_day`,
                        `t76`.`relapse_day`,
                        `t24`.`patient_id` AS `patient_id_right`,
                        `t24`.`last_lab_day`
                      FROM (
                        SELECT
                          `t70`.`patient_id`,
                          `t70`.`arm`,
                          `t70`.`modality`,
                          `t70`.`graft_source`,
                          `t70`.`second_infusion_day`,
                          `t70`.`weight_kg`,
                          `t70`.`death_day`,
                          `t70`.`censor_day`,
                          `t70`.`relapse_day`
                        FROM (
                          SELECT
                            `t62`.`patient_id`,
                            `t62`.`arm`,
                            `t62`.`modality`,
                            `t62`.`graft_source`,
                            `t62`.`second_infusion_day`,
                            `t62`.`weight_kg`,
                            `t62`.`death_day`,
                            `t62`.`censor_day`,
                            `t33`.`patient_id` AS `patient_id_right`,
                            `t33`.`relapse_day`
                          FROM (
                            SELECT
                              `t58`.`patient_id`,
                              `t58`.`arm`,
                              `t58`.`modality`,
                              `t58`.`graft_source`,
                              `t58`.`second_infusion_day`,
                              `t58`.`weight_kg`,
                              `t58`.`death_day`,
                              `t58`.`censor_day`
                            FROM (
                              SELECT
                                `t49`.`patient_id`,
                                `t49`.`arm`,
                                `t49`.`modality`,
                                `t49`.`graft_source`,
                                `t49`.`second_infusion_day`,
                                `t49`.`weight_kg`,
                                `t36`.`patient_id` AS `patient_id_right`,
                                `t36`.`death_day`,
                                `t36`.`censor_day`
                              FROM (
                                SELECT
                                  `t44`.`patient_id`,
                                  `t44`.`arm`,
                                  `t44`.`modality`,
                                  `t44`.`graft_source`,
                                  `t44`.`second_infusion_day`,
                                  `t44`.`weight_kg`
                                FROM (
                                  SELECT
                                    `t27`.`patient_id`,
                                    `t27`.`arm`,
                                    `t27`.`modality`,
                                    `t27`.`graft_source`,
                                    `t27`.`second_infusion_day`,
                                    `t20`.`patient_id` AS `patient_id_right`,
                                    `t20`.`weight_kg`
                                  FROM (
                                    SELECT
                                      `t9`.`patient_id`,
                                      COALESCE(`t9`.`arm`, `t9`.`modality`) AS `arm`,
                                      `t9`.`modality`,
                                      `t9`.`graft_source`,
                                      CAST(`t9`.`second_infusion_day` AS BIGINT) AS `second_infusion_day`
                                    FROM `treatments` AS `t9`
                                  ) AS `t27`
                                  LEFT OUTER JOIN (
                                    SELECT
                                      `t6`.`patient_id`,
                                      `t6`.`weight_kg`
                                    FROM `patients` AS `t6`
                                  ) AS `t20`
                                    ON `t27`.`patient_id` = `t20`.`patient_id`
                                ) AS `t44`
                              ) AS `t49`
                              LEFT OUTER JOIN (
                                SELECT
                                  `t8`.`patient_id`,
                                  IF(
                                    `t8`.`vital_status` = 'dead',
                                    COALESCE(`t8`.`death_day`, `t8`.`last_contact_day`),
                                    CAST(NULL AS BIGINT)
                                  ) AS `death_day`,
                                  GREATEST(
                                    `t8`.`last_contact_day`,
                                    COALESCE(
                                      IF(
                                        `t8`.`vital_status` = 'dead',
                                        COALESCE(`t8`.`death_day`, `t8`.`last_contact_day`),
                                        CAST(NULL AS BIGINT)
                                      ),
                                      `t8`.`last_contact_day`
                                    )
                                  ) AS `censor_day`
                                FROM `followup` AS `t8`
                              ) AS `t36`
                                ON `t49`.`patient_id` = `t36`.`patient_id`
                            ) AS `t58`
                          ) AS `t62`
                          LEFT OUTER JOIN (
                            SELECT
                              `t19`.`patient_id`,
                              MIN(`t19`.`day`) AS `relapse_day`
                            FROM (
                              SELECT
                                *
                              FROM `disease_assessments` AS `t5`
                              WHERE
                                `t5`.`status` IN ('relapse', 'progression') AND `t5`.`day` > 0
                            ) AS `t19`
                            GROUP BY
                              1
                          ) AS `t33`
                            ON `t62`.`patient_id` = `t33`.`patient_id`
                        ) AS `t70`
                      ) AS `t76`
                      LEFT OUTER JOIN (
                        SELECT
                          `t3`.`patient_id`,
                          MAX(`t3`.`day`) AS `last_lab_day`
                        FROM `labs` AS `t3`
                        GROUP BY
                          1
                      ) AS `t24`
                        ON `t76`.`patient_id` = `t24`.`patient_id`
                    ) AS `t86`
                  ) AS `t91`
                ) AS `t96`
              ) AS `t104`
              LEFT OUTER JOIN `t97` AS `t105`
                ON `t104`.`patient_id` = `t105`.`patient_id`
            ) AS `t116`
          ) AS `t122`
          LEFT OUTER JOIN (
            SELECT
              `t141`.`patient_id`,
              CAST(MIN(IF(`t141`.`run_start`, `t141`.`day`, NULL)) AS BIGINT) AS `loss_day`
            FROM (
              SELECT
                `t132`.`patient_id`,
                `t132`.`day`,
                `t132`.`value`,
                `t132`.`meets`,
                `t132`.`meets`
                AND COALESCE(
                  LEAD(`t132`.`meets`, 1) OVER (PARTITION BY `t132`.`patient_id` ORDER BY `t132`.`day` ASC NULLS LAST),
                  FALSE
                )
                AND COALESCE(
                  LEAD(`t132`.`meets`, 2) OVER (PARTITION BY `t132`.`patient_id` ORDER BY `t132`.`day` ASC NULLS LAST),
                  FALSE
                )
                AND (
                  TRUE
                  AND (
                    LEAD(`t132`.`day`, 1) OVER (PARTITION BY `t132`.`patient_id` ORDER BY `t132`.`day` ASC NULLS LAST) IS NOT NULL
                  )
                  AND (
                    LEAD(`t132`.`day`, 2) OVER (PARTITION BY `t132`.`patient_id` ORDER BY `t132`.`day` ASC NULLS LAST) IS NOT NULL
                  )
                ) AS `run_start`,
                SUM(IF(`t132`.`meets`, 0, 1)) OVER (
                  PARTITION BY `t132`.`patient_id`
                  ORDER BY `t132`.`day` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) > 0 AS `failed_before`
              FROM (
                SELECT
                  `t125`.`patient_id`,
                  `t125`.`day`,
                  `t125`.`value`,
                  `t125`.`value` < 0.5 AS `meets`
                FROM (
                  SELECT
                    `t68`.`patient_id`,
                    `t68`.`day`,
                    `t68`.`value`,
                    `t115`.`engraftment_day`
                  FROM (
                    SELECT
                      *
                    FROM `t59` AS `t61`
                    WHERE
                      `t61`.`value` IS NOT NULL AND NOT ISNAN(`t61`.`value`)
                  ) AS `t68`
                  INNER JOIN (
                    SELECT
                      `t100`.`patient_id`,
                      `t100`.`day` AS `engraftment_day`
                    FROM `t97` AS `t100`
                    WHERE
                      `t100`.`day` IS NOT NULL
                  ) AS `t115`
                    ON `t68`.`patient_id` = `t115`.`patient_id`
                ) AS `t125`
                WHERE
                  `t125`.`day` > `t125`.`engraftment_day`
              ) AS `t132`
            ) AS `t141`
            GROUP BY
              1
          ) AS `t149`
            ON `t122`.`patient_id` = `t149`.`patient_id`
        ) AS `t150`
      ) AS `t151`
    ) AS `t153`
      ON `t104`.`patient_id` = `t153`.`graft_failure_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t120`.`patient_id` AS `gvhd_patient_id`,
        `t120`.`agvhd_max_grade`,
        `t120`.`cgvhd_max_rank`,
        `t120`.`agvhd_2_4_event_day`,
        `t120`.`agvhd_3_4_event_day`,
        `t120`.`cgvhd_event_day`,
        `t120`.`grfs_agvhd_day`,
        `t120`.`grfs_cgvhd_day`
      FROM (
        SELECT
          `t98`.`patient_id`,
          MAX(`t98`.`agvhd_grade`) AS `agvhd_max_grade`,
          MAX(`t98`.`cgvhd_severity_rank`) AS `cgvhd_max_rank`,
          CAST(MIN(IF((
            `t98`.`day` >= 0
          ) AND (
            `t98`.`agvhd_grade` >= 2
          ), `t98`.`day`, NULL)) AS BIGINT) AS `agvhd_2_4_event_day`,
          CAST(MIN(IF((
            `t98`.`day` >= 0
          ) AND (
            `t98`.`agvhd_grade` >= 3
          ), `t98`.`day`, NULL)) AS BIGINT) AS `agvhd_3_4_event_day`,
          CAST(MIN(
            IF((
              `t98`.`day` >= 0
            ) AND (
              `t98`.`cgvhd_severity_rank` >= 1
            ), `t98`.`day`, NULL)
          ) AS BIGINT) AS `cgvhd_event_day`,
          CAST(MIN(IF((
            `t98`.`day` >= 0
          ) AND (
            `t98`.`agvhd_grade` >= 3
          ), `t98`.`day`, NULL)) AS BIGINT) AS `grfs_agvhd_day`,
          CAST(MIN(
            IF(
              (
                `t98`.`day` >= 0
              )
              AND (
                (
                  `t98`.`cgvhd_severity_rank` >= 1
                )
                AND COALESCE(`t98`.`systemic_therapy`, FALSE)
              ),
              `t98`.`day`,
              NULL
            )
          ) AS BIGINT) AS `grfs_cgvhd_day`
        FROM (
          SELECT
            `t57`.`patient_id`,
            `t57`.`day`,
            `t57`.`date`,
            `t57`.`skin_bsa_pct`,
            `t57`.`skin_bullae`,
            `t57`.`skin_stage`,
            `t57`.`bilirubin_mg_dl`,
            `t57`.`liver_stage`,
            `t57`.`upper_gi`,
            `t57`.`stool_ml_day`,
            `t57`.`stool_episodes_day`,
            `t57`.`lower_gi_severe`,
            `t57`.`lower_gi_stage`,
            `t57`.`cgvhd_skin`,
            `t57`.`cgvhd_mouth`,
            `t57`.`cgvhd_eyes`,
            `t57`.`cgvhd_gi`,
            `t57`.`cgvhd_liver`,
            `t57`.`cgvhd_lungs`,
            `t57`.`cgvhd_joints`,
            `t57`.`cgvhd_genital`,
            `t57`.`systemic_therapy`,
            `t57`.`weight_kg`,
            `t57`.`skin`,
            `t57`.`liver`,
            `t57`.`upper`,
            `t57`.`lower`,
            CAST(CASE
              WHEN (
                COALESCE(`t57`.`skin`, 0) = 4
              )
              OR (
                COALESCE(`t57`.`liver`, 0) = 4
              )
              OR (
                COALESCE(`t57`.`lower`, 0) = 4
              )
              THEN 4
              WHEN COALESCE(`t57`.`liver`, 0) IN (2, 3) OR (
                COALESCE(`t57`.`lower`, 0) >= 2
              )
              THEN 3
              WHEN (
                COALESCE(`t57`.`skin`, 0) = 3
              )
              OR (
                COALESCE(`t57`.`liver`, 0) = 1
              )
              OR (
                COALESCE(`t57`.`upper`, 0) = 1
              )
              OR (
                COALESCE(`t57`.`lower`, 0) = 1
              )
              THEN 2
              WHEN COALESCE(`t57`.`skin`, 0) IN (1, 2)
              THEN 1
              ELSE 0
            END AS BIGINT) AS `agvhd_grade`,
            CAST(CASE
              WHEN (
                COALESCE(CAST(`t57`.`cgvhd_lungs` AS BIGINT), 0) >= 2
              )
              OR (
                GREATEST(
                  COALESCE(CAST(`t57`.`cgvhd_skin` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_mouth` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_eyes` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_gi` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_liver` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_lungs` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_joints` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_genital` AS BIGINT), 0)
                ) >= 3
              )
              THEN 3
              WHEN (
                COALESCE(CAST(`t57`.`cgvhd_lungs` AS BIGINT), 0) = 1
              )
              OR (
                GREATEST(
                  COALESCE(CAST(`t57`.`cgvhd_skin` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_mouth` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_eyes` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_gi` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_liver` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_lungs` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_joints` AS BIGINT), 0),
                  COALESCE(CAST(`t57`.`cgvhd_genital` AS BIGINT), 0)
                ) = 2
              )
              OR (
                (
                  IF(COALESCE(CAST(`t57`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t57`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
                ) >= 3
              )
              THEN 2
              WHEN (
                IF(COALESCE(CAST(`t57`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t57`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t57`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
              ) >= 1
              THEN 1
              ELSE 0
            END AS BIGINT) AS `cgvhd_severity_rank`
          FROM (
            SELECT
              `t42`.`patient_id`,
              `t42`.`day`,
              `t42`.`date`,
              `t42`.`skin_bsa_pct`,
              `t42`.`skin_bullae`,
              `t42`.`skin_stage`,
              `t42`.`bilirubin_mg_dl`,
              `t42`.`liver_stage`,
              `t42`.`upper_gi`,
              `t42`.`stool_ml_day`,
              `t42`.`stool_episodes_day`,
              `t42`.`lower_gi_severe`,
              `t42`.`lower_gi_stage`,
              `t42`.`cgvhd_skin`,
              `t42`.`cgvhd_mouth`,
              `t42`.`cgvhd_eyes`,
              `t42`.`cgvhd_gi`,
              `t42`.`cgvhd_liver`,
              `t42`.`cgvhd_lungs`,
              `t42`.`cgvhd_joints`,
              `t42`.`cgvhd_genital`,
              `t42`.`systemic_therapy`,
              `t42`.`weight_kg`,
              CASE
                WHEN COALESCE(`t42`.`skin_bullae`, FALSE)
                THEN 4
                WHEN `t42`.`skin_bsa_pct` IS NOT NULL AND NOT ISNAN(`t42`.`skin_bsa_pct`)
                THEN CASE
                  WHEN `t42`.`skin_bsa_pct` <= 0.0
                  THEN 0
                  WHEN `t42`.`skin_bsa_pct` < 25.0
                  THEN 1
                  WHEN `t42`.`skin_bsa_pct` <= 50.0
                  THEN 2
                  ELSE 3
                END
                ELSE CAST(`t42`.`skin_stage` AS BIGINT)
              END AS `skin`,
              IF(
                `t42`.`bilirubin_mg_dl` IS NOT NULL AND NOT ISNAN(`t42`.`bilirubin_mg_dl`),
                CASE
                  WHEN `t42`.`bilirubin_mg_dl` < 2.0
                  THEN 0
                  WHEN `t42`.`bilirubin_mg_dl` <= 3.0
                  THEN 1
                  WHEN `t42`.`bilirubin_mg_dl` <= 6.0
                  THEN 2
                  WHEN `t42`.`bilirubin_mg_dl` <= 15.0
                  THEN 3
                  ELSE 4
                END,
                CAST(`t42`.`liver_stage` AS BIGINT)
              ) AS `liver`,
              CASE
                WHEN `t42`.`upper_gi`
                THEN 1
                WHEN NOT (
                  `t42`.`upper_gi`
                )
                THEN 0
                ELSE CAST(NULL AS BIGINT)
              END AS `upper`,
              CASE
                WHEN COALESCE(`t42`.`lower_gi_severe`, FALSE)
                THEN 4
                WHEN `t42`.`stool_ml_day` IS NOT NULL
                AND NOT ISNAN(`t42`.`stool_ml_day`)
                AND COALESCE(`t42`.`weight_kg` < 50.0, FALSE)
                THEN CASE
                  WHEN (
                    `t42`.`stool_ml_day` / `t42`.`weight_kg`
                  ) < 10.0
                  THEN 0
                  WHEN (
                    `t42`.`stool_ml_day` / `t42`.`weight_kg`
                  ) < 20.0
                  THEN 1
                  WHEN (
                    `t42`.`stool_ml_day` / `t42`.`weight_kg`
                  ) <= 30.0
                  THEN 2
                  ELSE 3
                END
                WHEN `t42`.`stool_ml_day` IS NOT NULL AND NOT ISNAN(`t42`.`stool_ml_day`)
                THEN CASE
                  WHEN `t42`.`stool_ml_day` < 500.0
                  THEN 0
                  WHEN `t42`.`stool_ml_day` < 1000.0
                  THEN 1
                  WHEN `t42`.`stool_ml_day` <= 1500.0
                  THEN 2
                  ELSE 3
                END
                WHEN `t42`.`stool_episodes_day` IS NOT NULL
                AND NOT ISNAN(`t42`.`stool_episodes_day`)
                AND COALESCE(`t42`.`weight_kg` < 50.0, FALSE)
                THEN CASE
                  WHEN (
                    `t42`.`stool_episodes_day` * 3.0
                  ) < 10.0
                  THEN 0
                  WHEN (
                    `t42`.`stool_episodes_day` * 3.0
                  ) < 20.0
                  THEN 1
                  WHEN (
                    `t42`.`stool_episodes_day` * 3.0
                  ) <= 30.0
                  THEN 2
                  ELSE 3
                END
                WHEN `t42`.`stool_episodes_day` IS NOT NULL AND NOT ISNAN(`t42`.`stool_episodes_day`)
                THEN CASE
                  WHEN (
                    `t42`.`stool_episodes_day` * 200.0
                  ) < 500.0
                  THEN 0
                  WHEN (
                    `t42`.`stool_episodes_day` * 200.0
                  ) < 1000.0
                  THEN 1
                  WHEN (
                    `t42`.`stool_episodes_day` * 200.0
                  ) <= 1500.0
                  THEN 2
                  ELSE 3
                END
                ELSE CAST(`t42`.`lower_gi_stage` AS BIGINT)
              END AS `lower`
            FROM (
              SELECT
                `t34`.`patient_id`,
                `t34`.`day`,
                `t34`.`date`,
                `t34`.`skin_bsa_pct`,
                `t34`.`skin_bullae`,
                `t34`.`skin_stage`,
                `t34`.`bilirubin_mg_dl`,
                `t34`.`liver_stage`,
                `t34`.`upper_gi`,
                `t34`.`stool_ml_day`,
                `t34`.`stool_episodes_day`,
                `t34`.`lower_gi_severe`,
                `t34`.`lower_gi_stage`,
                `t34`.`cgvhd_skin`,
                `t34`.`cgvhd_mouth`,
                `t34`.`cgvhd_eyes`,
                `t34`.`cgvhd_gi`,
                `t34`.`cgvhd_liver`,
                `t34`.`cgvhd_lungs`,
                `t34`.`cgvhd_joints`,
                `t34`.`cgvhd_genital`,
                `t34`.`systemic_therapy`,
                `t34`.`weight_kg`
              FROM (
                SELECT
                  `t10`.`patient_id`,
                  `t10`.`day`,
                  `t10`.`date`,
                  `t10`.`skin_bsa_pct`,
                  `t10`.`skin_bullae`,
                  `t10`.`skin_stage`,
                  `t10`.`bilirubin_mg_dl`,
                  `t10`.`liver_stage`,
                  `t10`.`upper_gi`,
                  `t10`.`stool_ml_day`,
                  `t10`.`stool_episodes_day`,
                  `t10`.`lower_gi_severe`,
                  `t10`.`lower_gi_stage`,
                  `t10`.`cgvhd_skin`,
                  `t10`.`cgvhd_mouth`,
                  `t10`.`cgvhd_eyes`,
                  `t10`.`cgvhd_gi`,
                  `t10`.`cgvhd_liver`,
                  `t10`.`cgvhd_lungs`,
                  `t10`.`cgvhd_joints`,
                  `t10`.`cgvhd_genital`,
                  `t10`.`systemic_therapy`,
                  `t20`.`patient_id` AS `patient_id_right`,
                  `t20`.`weight_kg`
                FROM `gvhd_assessments` AS `t10`
                LEFT OUTER JOIN (
                  SELECT
                    `t6`.`patient_id`,
                    `t6`.`weight_kg`
                  FROM `patients` AS `t6`
                ) AS `t20`
                  ON `t10`.`patient_id` = `t20`.`patient_id`
              ) AS `t34`
            ) AS `t42`
          ) AS `t57`
        ) AS `t98`
        GROUP BY
          1
      ) AS `t120`
    ) AS `t129`
      ON `t104`.`patient_id` = `t129`.`gvhd_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t48`.`patient_id` AS `chimerism_patient_id`,
        `t48`.`chimerism_category`,
        CAST(`t48`.`day` AS BIGINT) AS `chimerism_day`,
        `t48`.`method` AS `chimerism_assay`,
        `t48`.`lineage` AS `chimerism_lineage`
      FROM (
        SELECT
          `t0`.`patient_id`,
          `t0`.`day`,
          `t0`.`date`,
          `t0`.`lineage`,
          `t0`.`donor_pct`,
          `t0`.`method`,
          `t0`.`lod_pct`,
          CASE
            WHEN IF(
              `t0`.`donor_pct` IS NOT NULL
              AND NOT ISNAN(`t0`.`donor_pct`)
              AND (
                `t0`.`lod_pct` IS NULL
                OR ISNAN(`t0`.`lod_pct`)
                OR (
                  `t0`.`donor_pct` >= `t0`.`lod_pct`
                )
              ),
              `t0`.`donor_pct`,
              CAST(NULL AS DOUBLE)
            ) IS NULL
            OR ISNAN(
              IF(
                `t0`.`donor_pct` IS NOT NULL
                AND NOT ISNAN(`t0`.`donor_pct`)
                AND (
                  `t0`.`lod_pct` IS NULL
                  OR ISNAN(`t0`.`lod_pct`)
                  OR (
                    `t0`.`donor_pct` >= `t0`.`lod_pct`
                  )
                ),
                `t0`.`donor_pct`,
                CAST(NULL AS DOUBLE)
              )
            )
            THEN 'not_detected'
            WHEN IF(
              `t0`.`donor_pct` IS NOT NULL
              AND NOT ISNAN(`t0`.`donor_pct`)
              AND (
                `t0`.`lod_pct` IS NULL
                OR ISNAN(`t0`.`lod_pct`)
                OR (
                  `t0`.`donor_pct` >= `t0`.`lod_pct`
                )
              ),
              `t0`.`donor_pct`,
              CAST(NULL AS DOUBLE)
            ) > 95.0
            THEN 'full'
            WHEN IF(
              `t0`.`donor_pct` IS NOT NULL
              AND NOT ISNAN(`t0`.`donor_pct`)
              AND (
                `t0`.`lod_pct` IS NULL
                OR ISNAN(`t0`.`lod_pct`)
                OR (
                  `t0`.`donor_pct` >= `t0`.`lod_pct`
                )
              ),
              `t0`.`donor_pct`,
              CAST(NULL AS DOUBLE)
            ) >= 5.0
            THEN 'mixed'
            WHEN IF(
              `t0`.`donor_pct` IS NOT NULL
              AND NOT ISNAN(`t0`.`donor_pct`)
              AND (
                `t0`.`lod_pct` IS NULL
                OR ISNAN(`t0`.`lod_pct`)
                OR (
                  `t0`.`donor_pct` >= `t0`.`lod_pct`
                )
              ),
              `t0`.`donor_pct`,
              CAST(NULL AS DOUBLE)
            ) < 1.0
            THEN 'microchimerism'
            ELSE 'mixed'
          END AS `chimerism_category`,
          ROW_NUMBER() OVER (
            PARTITION BY `t0`.`patient_id`
            ORDER BY `t0`.`day` DESC, COALESCE(
              IF(
                `t0`.`donor_pct` IS NOT NULL
                AND NOT ISNAN(`t0`.`donor_pct`)
                AND (
                  `t0`.`lod_pct` IS NULL
                  OR ISNAN(`t0`.`lod_pct`)
                  OR (
                    `t0`.`donor_pct` >= `t0`.`lod_pct`
                  )
                ),
                `t0`.`donor_pct`,
                CAST(NULL AS DOUBLE)
              ),
              -1.0
            ) ASC NULLS LAST, `t0`.`lineage` ASC NULLS LAST, `t0`.`method` ASC NULLS LAST
          ) - 1 AS `rank`
        FROM `chimerism` AS `t0`
      ) AS `t48`
      WHERE
        `t48`.`rank` = 0
    ) AS `t56`
      ON `t104`.`patient_id` = `t56`.`chimerism_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t140`.`patient_id` AS `best_response_patient_id`,
        CASE
          WHEN `t140`.`best_rank` = 0
          THEN 'cr'
          WHEN `t140`.`best_rank` = 1
          THEN 'cri'
          WHEN `t140`.`best_rank` = 2
          THEN 'pr'
          WHEN `t140`.`best_rank` = 3
          THEN 'sd'
          WHEN `t140`.`best_rank` = 4
          THEN 'nr'
          ELSE 'not_assessed'
        END AS `best_response`
      FROM (
        SELECT
          `t135`.`patient_id`,
          MIN(
            CASE
              WHEN `t135`.`status` = 'cr'
              THEN 0
              WHEN `t135`.`status` = 'cri'
              THEN 1
              WHEN `t135`.`status` = 'pr'
              THEN 2
              WHEN `t135`.`status` = 'sd'
              THEN 3
              WHEN `t135`.`status` = 'nr'
              THEN 4
              ELSE 5
            END
          ) AS `best_rank`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t121`.`patient_id`,
              `t121`.`day`,
              `t121`.`date`,
              `t121`.`status`,
              `t121`.`method`,
              `t121`.`relapse_day`
            FROM (
              SELECT
                `t25`.`patient_id`,
                `t25`.`day`,
                `t25`.`date`,
                `t25`.`status`,
                `t25`.`method`,
                `t111`.`patient_id` AS `patient_id_right`,
                `t111`.`relapse_day`
              FROM (
                SELECT
                  *
                FROM `disease_assessments` AS `t5`
                WHERE
                  `t5`.`status` IN ('cr', 'cri', 'pr', 'sd', 'nr')
              ) AS `t25`
              LEFT OUTER JOIN (
                SELECT
                  `t99`.`patient_id`,
                  `t99`.`relapse_day`
                FROM (
                  SELECT
                    `t96`.`patient_id`,
                    `t96`.`arm`,
                    `t96`.`modality`,
                    `t96`.`graft_source`,
                    `t96`.`second_infusion_day`,
                    `t96`.`weight_kg`,
                    `t96`.`death_day`,
                    `t96`.`censor_day`,
                    `t96`.`relapse_day`
                  FROM (
                    SELECT
                      `t91`.`patient_id`,
                      `t91`.`arm`,
                      `t91`.`modality`,
                      `t91`.`graft_source`,
                      `t91`.`second_infusion_day`,
                      `t91`.`weight_kg`,
                      `t91`.`death_day`,
                      COALESCE(`t91`.`censor_day`, CAST(`t91`.`last_lab_day` AS BIGINT), 0) AS `censor_day`,
                      `t91`.`relapse_day`,
                      `t91`.`last_lab_day`
                    FROM (
                      SELECT
                        `t86`.`patient_id`,
                        `t86`.`arm`,
                        `t86`.`modality`,
                        `t86`.`graft_source`,
                        `t86`.`second_infusion_day`,
                        `t86`.`weight_kg`,
                        `t86`.`death_day`,
                        `t86`.`censor_day`,
                        `t86`.`relapse_day`,
                        `t86`.`last_lab_day`
                      FROM (
                        SELECT
                          `t76`.`patient_id`,
                          `t76`.`arm`,
                          `t76`.`modality`,
                          `t76`.`graft_source`,
                          `t76`.`second_infusion_day`,
                          `t76`.`weight_kg`,
                          `t76`.`death_day`,
                          `t76`.`censor_day`,
                          `t76`.`relapse_day`,
                          `t24`.`patient_id` AS `patient_id_right`,
                          `t24`.`last_lab_day`
                        FROM (
                          SELECT
                            `t70`.`patient_id`,
                            `t70`.`arm`,
                            `t70`.`modality`,
                            `t70`.`graft_source`,
                            `t70`.`second_infusion_day`,
                            `t70`.`weight_kg`,
                            `t70`.`death_day`,
                            `t70`.`censor_day`,
                            `t70`.`relapse_day`
                          FROM (
                            SELECT
                              `t62`.`patient_id`,
                              `t62`.`arm`,
                              `t62`.`modality`,
                              `t62`.`graft_source`,
                              `t62`.`second_infusion_day`,
                              `t62`.`weight_kg`,
                              `t62`.`death_day`,
                              `t62`.`censor_day`,
                              `t33`.`patient_id` AS `patient_id_right`,
                              `t33`.`relapse_day`
                            FROM (
                              SELECT
                                `t58`.`patient_id`,
                                `t58`.`arm`,
                                `t58`.`modality`,
                                `t58`.`graft_source`,
                                `t58`.`second_infusion_day`,
                                `t58`.`weight_kg`,
                                `t58`.`death_day`,
                                `t58`.`censor_day`
                              FROM (
                                SELECT
                                  `t49`.`patient_id`,
                                  `t49`.`arm`,
                                  `t49`.`modality`,
                                  `t49`.`graft_source`,
                                  `t49`.`second_infusion_day`,
                                  `t49`.`weight_kg`,
                                  `t36`.`patient_id` AS `patient_id_right`,
                                  `t36`.`death_day`,
                                  `t36`.`censor_day`
                                FROM (
                                  SELECT
                                    `t44`.`patient_id`,
                                    `t44`.`arm`,
                                    `t44`.`modality`,
                                    `t44`.`graft_source`,
                                    `t44`.`second_infusion_day`,
                                    `t44`.`weight_kg`
                                  FROM (
                                    SELECT
                                      `t27`.`patient_id`,
                                      `t27`.`arm`,
                                      `t27`.`modality`,
                                      `t27`.`graft_source`,
                                      `t27`.`second_infusion_day`,
                                      `t20`.`patient_id` AS `patient_id_right`,
                                      `t20`.`weight_kg`
                                    FROM (
                                      SELECT
                                        `t9`.`patient_id`,
                                        COALESCE(`t9`.`arm`, `t9`.`modality`) AS `arm`,
                                        `t9`.`modality`,
                                        `t9`.`graft_source`,
                                        CAST(`t9`.`second_infusion_day` AS BIGINT) AS `second_infusion_day`
                                      FROM `treatments` AS `t9`
                                    ) AS `t27`
                                    LEFT OUTER JOIN (
                                      SELECT
                                        `t6`.`patient_id`,
                                        `t6`.`weight_kg`
                                      FROM `patients` AS `t6`
                                    ) AS `t20`
                                      ON `t27`.`patient_id` = `t20`.`patient_id`
                                  ) AS `t44`
                                ) AS `t49`
                                LEFT OUTER JOIN (
                                  SELECT
                                    `t8`.`patient_id`,
                                    IF(
                                      `t8`.`vital_status` = 'dead',
                                      COALESCE(`t8`.`death_day`, `t8`.`last_contact_day`),
                                      CAST(NULL AS BIGINT)
                                    ) AS `death_day`,
                                    GREATEST(
                                      `t8`.`last_contact_day`,
                                      COALESCE(
                                        IF(
                                          `t8`.`vital_status` = 'dead',
                                          COALESCE(`t8`.`death_day`, `t8`.`last_contact_day`),
                                          CAST(NULL AS BIGINT)
                                        ),
                                        `t8`.`last_contact_day`
                                      )
                                    ) AS `censor_day`
                                  FROM `followup` AS `t8`
                                ) AS `t36`
                                  ON `t49`.`patient_id` = `t36`.`patient_id`
                              ) AS `t58`
                            ) AS `t62`
                            LEFT OUTER JOIN (
                              SELECT
                                `t19`.`patient_id`,
                                MIN(`t19`.`day`) AS `relapse_day`
                              FROM (
                                SELECT
                                  *
                                FROM `disease_assessments` AS `t5`
                                WHERE
                                  `t5`.`status` IN ('relapse', 'progression') AND `t5`.`day` > 0
                              ) AS `t19`
                              GROUP BY
                                1
                            ) AS `t33`
                              ON `t62`.`patient_id` = `t33`.`patient_id`
                          ) AS `t70`
                        ) AS `t76`
                        LEFT OUTER JOIN (
                          SELECT
                            `t3`.`patient_id`,
                            MAX(`t3`.`day`) AS `last_lab_day`
                          FROM `labs` AS `t3`
                          GROUP BY
                            1
                        ) AS `t24`
                          ON `t76`.`patient_id` = `t24`.`patient_id`
                      ) AS `t86`
                    ) AS `t91`
                  ) AS `t96`
                ) AS `t99`
              ) AS `t111`
                ON `t25`.`patient_id` = `t111`.`patient_id`
            ) AS `t121`
          ) AS `t124`
          WHERE
            `t124`.`day` >= 0
            AND (
              (
                `t124`.`relapse_day` IS NULL
              ) OR (
                `t124`.`day` < `t124`.`relapse_day`
              )
            )
        ) AS `t135`
        GROUP BY
          1
      ) AS `t140`
    ) AS `t147`
      ON `t104`.`patient_id` = `t147`.`best_response_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t45`.`patient_id` AS `infections_patient_id`,
        `t45`.`infection_event_day`,
        `t45`.`infections_by_day100`,
        `t45`.`infection_bacterial_event_day`,
        `t45`.`infections_by_day100_bacterial`,
        `t45`.`infection_viral_event_day`,
        `t45`.`infections_by_day100_viral`,
        `t45`.`infection_fungal_event_day`,
        `t45`.`infections_by_day100_fungal`,
        `t45`.`infection_other_event_day`,
        `t45`.`infections_by_day100_other`
      FROM (
        SELECT
          `t12`.`patient_id`,
          CAST(MIN(`t12`.`day`) AS BIGINT) AS `infection_event_day`,
          SUM(IF(`t12`.`day` <= 100, 1, 0)) AS `infections_by_day100`,
          CAST(MIN(IF(`t12`.`kind` = 'bacterial', `t12`.`day`, NULL)) AS BIGINT) AS `infection_bacterial_event_day`,
          SUM(IF((
            `t12`.`day` <= 100
          ) AND (
            `t12`.`kind` = 'bacterial'
          ), 1, 0)) AS `infections_by_day100_bacterial`,
          CAST(MIN(IF(`t12`.`kind` = 'viral', `t12`.`day`, NULL)) AS BIGINT) AS `infection_viral_event_day`,
          SUM(IF((
            `t12`.`day` <= 100
          ) AND (
            `t12`.`kind` = 'viral'
          ), 1, 0)) AS `infections_by_day100_viral`,
          CAST(MIN(IF(`t12`.`kind` = 'fungal', `t12`.`day`, NULL)) AS BIGINT) AS `infection_fungal_event_day`,
          SUM(IF((
            `t12`.`day` <= 100
          ) AND (
            `t12`.`kind` = 'fungal'
          ), 1, 0)) AS `infections_by_day100_fungal`,
          CAST(MIN(IF(`t12`.`kind` = 'other', `t12`.`day`, NULL)) AS BIGINT) AS `infection_other_event_day`,
          SUM(IF((
            `t12`.`day` <= 100
          ) AND (
            `t12`.`kind` = 'other'
          ), 1, 0)) AS `infections_by_day100_other`
        FROM (
          SELECT
            *
          FROM `infections` AS `t2`
          WHERE
            `t2`.`day` >= 0
        ) AS `t12`
        GROUP BY
          1
      ) AS `t45`
    ) AS `t54`
      ON `t104`.`patient_id` = `t54`.`infections_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t71`.`patient_id` AS `immune_reconstitution_patient_id`,
        `t71`.`event_day` AS `immune_reconstitution_event_day`
      FROM (
        SELECT
          `t63`.`patient_id`,
          CAST(MIN(IF(`t63`.`run_start`, `t63`.`day`, NULL)) AS BIGINT) AS `event_day`
        FROM (
          SELECT
            `t51`.`patient_id`,
            `t51`.`day`,
            `t51`.`value`,
            `t51`.`meets`,
            `t51`.`meets` AND TRUE AS `run_start`,
            SUM(IF(`t51`.`meets`, 0, 1)) OVER (
              PARTITION BY `t51`.`patient_id`
              ORDER BY `t51`.`day` ASC NULLS LAST
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS `failed_before`
          FROM (
            SELECT
              `t38`.`patient_id`,
              `t38`.`day`,
              `t38`.`value`,
              `t38`.`value` >= 0.2 AS `meets`
            FROM (
              SELECT
                `t14`.`patient_id`,
                `t14`.`day`,
                MIN(IF(`t14`.`qualifier` = '<', 0.0, `t14`.`value`)) AS `value`
              FROM (
                SELECT
                  *
                FROM `labs` AS `t3`
                WHERE
                  `t3`.`analyte` = 'cd4' AND `t3`.`day` >= 1
              ) AS `t14`
              GROUP BY
                1,
                2
            ) AS `t38`
          ) AS `t51`
        ) AS `t63`
        GROUP BY
          1
      ) AS `t71`
    ) AS `t81`
      ON `t104`.`patient_id` = `t81`.`immune_reconstitution_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t72`.`patient_id` AS `lymphocyte_recovery_patient_id`,
        `t72`.`event_day` AS `lymphocyte_recovery_event_day`
      FROM (
        SELECT
          `t64`.`patient_id`,
          CAST(MIN(IF(`t64`.`run_start`, `t64`.`day`, NULL)) AS BIGINT) AS `event_day`
        FROM (
          SELECT
            `t52`.`patient_id`,
            `t52`.`day`,
            `t52`.`value`,
            `t52`.`meets`,
            `t52`.`meets` AND TRUE AS `run_start`,
            SUM(IF(`t52`.`meets`, 0, 1)) OVER (
              PARTITION BY `t52`.`patient_id`
              ORDER BY `t52`.`day` ASC NULLS LAST
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS `failed_before`
          FROM (
            SELECT
              `t39`.`patient_id`,
              `t39`.`day`,
              `t39`.`value`,
              `t39`.`value` >= 0.5 AS `meets`
            FROM (
              SELECT
                `t15`.`patient_id`,
                `t15`.`day`,
                MIN(IF(`t15`.`qualifier` = '<', 0.0, `t15`.`value`)) AS `value`
              FROM (
                SELECT
                  *
                FROM `labs` AS `t3`
                WHERE
                  `t3`.`analyte` = 'alc' AND `t3`.`day` >= 1
              ) AS `t15`
              GROUP BY
                1,
                2
            ) AS `t39`
          ) AS `t52`
        ) AS `t64`
        GROUP BY
          1
      ) AS `t72`
    ) AS `t82`
      ON `t104`.`patient_id` = `t82`.`lymphocyte_recovery_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t28`.`patient_id` AS `serious_adverse_events_patient_id`,
        `t28`.`serious_adverse_event_attributed`
      FROM (
        SELECT
          `t1`.`patient_id`,
          BOOL_OR(
            (
              `t1`.`ctcae_grade` >= 3
            )
            AND `t1`.`attributed_to` IN ('msc_infusion', 'donor_cells', 'graft')
          ) AS `serious_adverse_event_attributed`
        FROM `adverse_events` AS `t1`
        GROUP BY
          1
      ) AS `t28`
    ) AS `t37`
      ON `t104`.`patient_id` = `t37`.`serious_adverse_events_patient_id`
  ) AS `t154`
) AS `t155`
ORDER BY
  `t155`.`patient_id` ASC NULLS LAST
